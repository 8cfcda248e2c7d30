import { describe, expect, it } from 'vitest';
import { citationMarkdown, linkableUrl } from '../../src/discord/render/citationMarkdown.ts';
import { markdownExcerpt } from '../../src/discord/render/markdownExcerpt.ts';
import { neutralizeMentions, quoteMarkdown } from '../../src/discord/render/quoteMarkdown.ts';

/** Mentions Discord would render (and, without allowed_mentions, ping). */
const LIVE_MENTION = /@everyone|@here|<@!?\d+>|<@&\d+>|<#\d+>/;

const CHAT_MESSAGE =
  'One message read: "@everyone meet at Republic Square at 10, bring water, *no* flags". A second tagged <@112233445566778899> and the role <@&998877665544332211>, asked @here to share it in <#223344556677889900>, and quoted <@!112233445566778899>.';

describe('quoting text that contains Markdown or mentions', () => {
  it('escapes emphasis, strikethrough, spoilers, code, headings, lists, block quotes and masked links', () => {
    const shown = quoteMarkdown(
      '# Breaking *news* _now_ ~~old~~ ||secret|| `code` [link](https://example.org) > quoted -# small',
    );
    for (const escaped of [
      '\\#',
      '\\*news\\*',
      '\\_now\\_',
      '\\~\\~old\\~\\~',
      '\\|\\|secret\\|\\|',
      '\\`code\\`',
      '\\[link]',
    ]) {
      expect(shown).toContain(escaped);
    }
    expect(quoteMarkdown('> a block quote')).toBe('\\> a block quote');
    expect(quoteMarkdown('-# subtext')).toBe('\\-# subtext');
  });

  it('makes @everyone, @here, user, role and channel mentions inert while keeping them readable', () => {
    const shown = neutralizeMentions(CHAT_MESSAGE);
    expect(shown).not.toMatch(LIVE_MENTION);
    expect(shown.replace(/\u200b/g, '')).toBe(CHAT_MESSAGE);
  });

  it('puts a paragraph on one line, so its line breaks cannot start a heading or a list', () => {
    expect(quoteMarkdown('Troops left.\n# Not a heading\n- not a list')).toBe(
      'Troops left. # Not a heading - not a list',
    );
  });
});

describe('excerpts of a paragraph', () => {
  const paragraph =
    'Kazakhstan was rocked last week by violence not seen since its independence in 1991. It left dozens dead and hundreds injured, motivated the mobilization of the military contingent and led to the arrest of at least 12,000 people. The most serious episodes of violence took place in Almaty.';
  const answer =
    'It left dozens dead and hundreds injured, motivated the mobilization of the military contingent and led to the arrest of at least 12,000 people.';
  const sentence = { start: paragraph.indexOf(answer), end: paragraph.indexOf(answer) + answer.length };

  it('shows the answer sentence in bold within its paragraph', () => {
    const shown = markdownExcerpt(paragraph, { highlights: [sentence], max: 4096 });
    expect(shown).toBe(
      'Kazakhstan was rocked last week by violence not seen since its independence in 1991. **It left dozens dead and hundreds injured, motivated the mobilization of the military contingent and led to the arrest of at least 12,000 people.** The most serious episodes of violence took place in Almaty.',
    );
  });

  it('keeps the answer sentence in view when the paragraph is too long, with an ellipsis at each cut', () => {
    const shown = markdownExcerpt(paragraph, { highlights: [sentence], max: 170 });
    expect(shown.length).toBeLessThanOrEqual(170);
    expect(shown).toContain('**It left dozens dead');
    expect(shown.startsWith('…') || shown.startsWith('Kazakhstan')).toBe(true);
    expect(shown.endsWith('…') || shown.endsWith('Almaty.')).toBe(true);
    expect(shown).toMatch(/…/);
  });

  it('stays within the limit when escaping makes the text longer', () => {
    const starry = Array.from({ length: 60 }, (_, i) => `*rally* number ${i} at _noon_.`).join(' ');
    const shown = markdownExcerpt(starry, { max: 500 });
    expect(shown.length).toBeLessThanOrEqual(500);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown).not.toMatch(/(^|[^\\])\*rally/);
  });

  it('keeps mentions inert inside the bold answer too', () => {
    const shown = markdownExcerpt(CHAT_MESSAGE, { highlights: [{ start: 0, end: 90 }], max: 4096 });
    expect(shown).toMatch(/^\*\*One message read/);
    expect(shown).not.toMatch(LIVE_MENTION);
  });
});

describe('citation lines', () => {
  const citation = {
    docId: 'alliance-troops-land',
    title: 'First alliance troops land in Kazakhstan as Tokayev orders a crackdown',
    source: 'Central Asia Wire',
    date: '2022-01-07',
    paragraph: 2,
  };

  it('reads title · source · date · paragraph, the title linked to the article', () => {
    expect(
      citationMarkdown({
        ...citation,
        url: 'https://centralasiawire.example/2022/01/07/alliance-troops-land',
      }),
    ).toBe(
      '[First alliance troops land in Kazakhstan as Tokayev orders a crackdown](https://centralasiawire.example/2022/01/07/alliance-troops-land) · Central Asia Wire · 2022-01-07 · ¶2',
    );
  });

  it('shows the title unlinked when the article has no web address', () => {
    expect(citationMarkdown(citation)).toBe(
      '*First alliance troops land in Kazakhstan as Tokayev orders a crackdown* · Central Asia Wire · 2022-01-07 · ¶2',
    );
    expect(citationMarkdown({ ...citation, url: 'javascript:alert(1)' })).not.toContain('](');
  });

  it('keeps brackets in a title and parentheses in a URL from breaking the link', () => {
    const line = citationMarkdown({
      ...citation,
      title: 'Troops [update] land',
      url: 'https://example.org/a_(b)',
    });
    expect(line).toMatch(/^\[Troops \(update\) land\]\(https:\/\/example\.org\/a_%28b%29\) · /);
    expect(linkableUrl('ftp://example.org')).toBeUndefined();
  });
});
