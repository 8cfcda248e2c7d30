import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One labelled question: the texts a right answer quotes, or null when the corpus does not answer it. */
export interface LabelledQuestion {
  q: string;
  expect: string[] | null;
  /** Questions of one group share articles; cross-validation never splits a group. */
  group: string;
}

/** A question set and the corpus it asks about. */
export interface QuestionSet {
  name: string;
  corpusDir: string;
  questions: LabelledQuestion[];
}

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
const SHARED_EVAL = resolve(PROJECT, '../shared/eval');
const SQUAD = join(SHARED_EVAL, 'squad-dev');
const EVENTS = join(PROJECT, 'bench/qa/events');

function readQuestions(file: string): Array<{ q: string; expect: string[] | null }> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}

/** The text as the evaluation script compares it: quotes, dashes, space and case folded. */
function normalizeForMatch(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u201A\u201B]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u00AB\u00BB]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Whether a quote holds one of the expected answer texts. */
export function quoteAnswers(quote: string, expect: readonly string[] | null): boolean {
  if (!expect) return false;
  const haystack = normalizeForMatch(quote);
  return expect.some((answer) => haystack.includes(normalizeForMatch(answer)));
}

/**
 * SQuAD's development questions come article by article; each question belongs to the article of the
 * nearest answerable question before it whose answer only one article holds.
 */
function squadSet(): QuestionSet | undefined {
  const corpusDir = join(SQUAD, 'corpus');
  if (!existsSync(corpusDir)) return undefined;
  const articles = readdirSync(corpusDir).map((file) => ({
    file,
    text: normalizeForMatch(readFileSync(join(corpusDir, file), 'utf8')),
  }));
  let article = '';
  const questions = readQuestions(join(SQUAD, 'qa.jsonl')).map(({ q, expect }) => {
    const holders = articles.filter(({ text }) =>
      (expect ?? []).some((answer) => text.includes(normalizeForMatch(answer))),
    );
    if (holders.length === 1) article = holders[0]?.file ?? article;
    return { q, expect, group: `squad:${article}` };
  });
  // Questions before the first answerable one belong to its article.
  const first = questions.find((question) => question.group !== 'squad:')?.group ?? 'squad:';
  for (const question of questions) if (question.group === 'squad:') question.group = first;
  return { name: 'squad-dev', corpusDir, questions };
}

/** The shipped corpus and both fixture corpora together, as the *-all-articles sets ask about them. */
function allArticlesDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-all-articles-'));
  for (const from of ['corpus', 'tests/fixtures/kazakhstan', 'tests/fixtures/summary-unrest'])
    cpSync(join(PROJECT, from), dir, { recursive: true, force: false, errorOnExist: false });
  return dir;
}

function projectSet(name: string, corpus: string, file: string, group: string): QuestionSet {
  return {
    name,
    corpusDir: corpus,
    questions: readQuestions(file).map((question) => ({ ...question, group })),
  };
}

/** The question sets written for Dossier about events other than the Kazakh unrest, one folder each. */
function eventSets(): QuestionSet[] {
  if (!existsSync(EVENTS)) return [];
  return readdirSync(EVENTS)
    .filter((event) => existsSync(join(EVENTS, event, 'questions.jsonl')))
    .map((event) =>
      projectSet(
        `event:${event}`,
        join(EVENTS, event, 'corpus'),
        join(EVENTS, event, 'questions.jsonl'),
        `event:${event}`,
      ),
    );
}

/**
 * Every labelled question set: SQuAD's development articles (when ../shared is present), the development
 * questions, the project's paraphrase sets about the Kazakh unrest (one group, as they share articles), and
 * the sets about other events.
 */
export function questionSets(): QuestionSet[] {
  const at = (path: string) => join(PROJECT, path);
  const allArticles = allArticlesDir();
  const kazakhstan = 'kazakhstan';
  const sets = [
    projectSet('development', at('corpus'), join(SHARED_EVAL, 'qa-dev.jsonl'), kazakhstan),
    projectSet(
      'kazakhstan fixture',
      at('tests/fixtures/kazakhstan'),
      at('bench/qa/paraphrases-kazakhstan.jsonl'),
      kazakhstan,
    ),
    projectSet(
      'unrest fixture',
      at('tests/fixtures/summary-unrest'),
      at('bench/qa/paraphrases-unrest.jsonl'),
      kazakhstan,
    ),
    projectSet('seed', at('corpus'), at('bench/qa/paraphrases-seed.jsonl'), kazakhstan),
    projectSet('seed, more', at('corpus'), at('bench/qa/paraphrases-seed-more.jsonl'), kazakhstan),
    projectSet('reworded, all articles', allArticles, at('bench/qa/reworded-all-articles.jsonl'), kazakhstan),
    projectSet('mixed, all articles', allArticles, at('bench/qa/mixed-all-articles.jsonl'), kazakhstan),
    ...eventSets(),
  ];
  const squad = squadSet();
  return squad ? [squad, ...sets] : sets;
}
