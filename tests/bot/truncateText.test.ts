import { describe, expect, it } from 'vitest';
import { ELLIPSIS, truncateText } from '../../src/discord/render/truncateText.ts';

const PARAGRAPH =
  'The peacekeeping operation is over, the tasks have been accomplished, said Russian General Andrei Serdiukov. These men were sent to the former Soviet republic on January 6 and are expected to complete their departure by January 22, according to the CSTO and Kazakh authorities. They also began handing over infrastructure and buildings that they had been guarding for several days.';

/** The text kept before the ellipsis, which must be a prefix of the original that ends between words. */
function kept(cut: string): string {
  expect(cut.endsWith(ELLIPSIS)).toBe(true);
  return cut.slice(0, -ELLIPSIS.length).trimEnd();
}

describe('cutting long text', () => {
  it('leaves text within the limit untouched', () => {
    expect(truncateText(PARAGRAPH, PARAGRAPH.length)).toBe(PARAGRAPH);
  });

  it('cuts after a whole sentence when that keeps most of the room, and shows an ellipsis', () => {
    const cut = truncateText(PARAGRAPH, 290);
    expect(cut).toBe(
      'The peacekeeping operation is over, the tasks have been accomplished, said Russian General Andrei Serdiukov. These men were sent to the former Soviet republic on January 6 and are expected to complete their departure by January 22, according to the CSTO and Kazakh authorities. …',
    );
  });

  it('never cuts a word in half, whatever the limit', () => {
    for (let max = 12; max < PARAGRAPH.length; max += 7) {
      const cut = truncateText(PARAGRAPH, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      const prefix = kept(cut);
      expect(PARAGRAPH.startsWith(prefix)).toBe(true);
      expect(PARAGRAPH[prefix.length]).toMatch(/[\s,]/);
    }
  });

  it('drops a dangling comma or dash before the ellipsis', () => {
    const cut = truncateText('Kazakhstan was rocked last week, – by violence not seen since 1991', 38);
    expect(cut).toBe('Kazakhstan was rocked last week…');
  });

  it('cuts a single word longer than the limit without splitting an emoji', () => {
    const cut = truncateText(`${'a'.repeat(8)}😀😀😀`, 10);
    expect(cut.length).toBeLessThanOrEqual(10);
    expect(cut).toBe(`${'a'.repeat(8)}${ELLIPSIS}`);
  });
});
