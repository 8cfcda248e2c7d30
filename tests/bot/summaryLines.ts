import { expect } from 'vitest';
import type { Corpus } from '../../src/corpus/types.ts';
import type { SentMessage } from './discordBodies.ts';

/** Text as a reader sees it once Discord renders the Markdown: escapes and zero-width spaces gone. */
export function rendered(markdown: string): string {
  return markdown
    .replace(/\u200b/g, '')
    .replace(/\\([^\w\s])/g, '$1')
    .replace(/\*\*/g, '');
}

/** Every description of a message's embeds, joined: the lines, whichever embed they landed in. */
export function descriptions(message: SentMessage | undefined): string {
  return (message?.embeds ?? []).map((embed) => embed.description ?? '').join('\n\n');
}

export interface QuotedLine {
  /** What is quoted, as shown (Markdown removed), without the quotation marks Dossier added. */
  quote: string;
  /** Whether Dossier cut it, visibly, with an ellipsis. */
  cut: boolean;
  title: string;
  url?: string;
  date: string;
  paragraph: number;
}

// `**1.** “quote”` (or `**2022-01-13** · “quote”`), then `— [Title](url) · 2022-01-13 · ¶3` or `— *Title* · …`.
const LINE =
  /^\*\*[^*]+\*\*(?: · )?\s*(?<quote>.+)\n— (?:\[(?<linked>[^\]]+)\]\((?<url>[^)]+)\)|\*(?<plain>.+)\*) · (?<date>\S+) · ¶(?<paragraph>\d+)$/;

/** The numbered or dated quoted lines of a briefing or a timeline page. */
export function quotedLines(message: SentMessage | undefined): QuotedLine[] {
  return descriptions(message)
    .split('\n\n')
    .map((block) => {
      const match = LINE.exec(block);
      expect(match, `not a quoted line with a citation: ${block}`).not.toBeNull();
      const groups = match?.groups ?? {};
      let quote = rendered(groups.quote ?? '');
      const cut = quote.endsWith('…') || quote.endsWith('…”');
      if (quote.startsWith('“')) quote = quote.slice(1);
      if (quote.endsWith('”')) quote = quote.slice(0, -1);
      quote = quote.replace(/\s*…$/, '');
      return {
        quote,
        cut,
        title: rendered(groups.linked ?? groups.plain ?? ''),
        ...(groups.url ? { url: groups.url } : {}),
        date: groups.date ?? '',
        paragraph: Number(groups.paragraph),
      };
    });
}

/** Checks that a line quotes its cited paragraph word for word: the whole sentence, or the start of it when cut. */
export function expectVerbatimAndCited(corpus: Corpus, line: QuotedLine): void {
  const document = corpus.documents.find((candidate) =>
    candidate.title.startsWith(line.title.replace(/…$/, '')),
  );
  expect(document, `no article titled ${line.title}`).toBeDefined();
  if (!document) return;
  expect(line.date).toBe(document.date);
  if (document.url) expect(line.url).toBe(document.url);
  const passage = document.passages.find((candidate) => candidate.paragraph === line.paragraph);
  expect(passage, `${document.id} has no ¶${line.paragraph}`).toBeDefined();
  const text = document.text.slice(passage?.start ?? 0, passage?.end ?? 0).replace(/\s+/g, ' ');
  expect(line.quote.length).toBeGreaterThan(20);
  expect(text).toContain(line.quote);
}
