#!/usr/bin/env bash
# Scores every question set in this folder against its corpus, one summary line each, from the project root:
#   bash bench/qa/score-all.sh
# The *-all-articles sets ask about the shipped corpus and both fixture corpora together, which this script
# gathers into a temporary directory (the same article appears in several; one copy is kept).
set -euo pipefail
cd "$(dirname "$0")/../.."
all_articles=$(mktemp -d)
trap 'rm -rf "$all_articles"' EXIT
cp -n corpus/* tests/fixtures/kazakhstan/* tests/fixtures/summary-unrest/* "$all_articles"/

score() {
  local name=$1 corpus=$2 questions=$3
  printf '%-28s %s\n' "$name" "$(node ../shared/eval/score.mjs --corpus "$corpus" --qa "$questions" 2>&1 | tail -1 | sed 's/ verbatim.*//')"
}
score 'development (shipped)' corpus ../shared/eval/qa-dev.jsonl
score 'kazakhstan fixture' tests/fixtures/kazakhstan bench/qa/paraphrases-kazakhstan.jsonl
score 'unrest fixture' tests/fixtures/summary-unrest bench/qa/paraphrases-unrest.jsonl
score 'seed (shipped)' corpus bench/qa/paraphrases-seed.jsonl
score 'seed (unrest fixture)' tests/fixtures/summary-unrest bench/qa/paraphrases-seed.jsonl
score 'seed, more (shipped)' corpus bench/qa/paraphrases-seed-more.jsonl
score 'reworded (all articles)' "$all_articles" bench/qa/reworded-all-articles.jsonl
score 'mixed (all articles)' "$all_articles" bench/qa/mixed-all-articles.jsonl
