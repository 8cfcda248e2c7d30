import { describe, expect, it } from 'vitest';
import { renderSection } from '../../bench/renderReport.ts';

describe('a bench section printed as a table', () => {
  it('shows no peer columns when the section measured Dossier alone', () => {
    const table = renderSection({
      id: 'reload-ask',
      title: '/ask while re-indexing 20k passages',
      rows: [
        { metric: 'idle: /ask p50', unit: 'ms', ours: 14.5 },
        { metric: 'questions a second, sent', unit: 'count', ours: 12.6 },
      ],
      targets: [],
    });
    expect(table).not.toContain('MiniSearch');
    expect(table).not.toContain('–');
    expect(table).toContain('idle: /ask p50');
    expect(table).toContain('14.5 ms');
    expect(table).toContain('12.6');
  });

  it('shows the peer and the ratio beside Dossier when the section measured one', () => {
    const table = renderSection({
      id: 'answers',
      title: 'Answers',
      rows: [{ metric: 'squad-dev: answered', unit: '%', ours: 60, baseline: 100 }],
      targets: [],
    });
    expect(table).toContain('MiniSearch default');
    expect(table).toContain('100 %');
    expect(table).toContain('0.600×');
  });
});
