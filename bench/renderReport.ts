import { formatNumber, type SectionResult, type TargetCheck } from './BenchSection.ts';

/** Lays out rows as aligned columns; the first column reads left-aligned, the others are right-aligned figures. */
function renderTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '─'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function withUnit(value: number | undefined, unit: string): string {
  if (value === undefined) return '–';
  return unit === 'count' ? formatNumber(value) : `${formatNumber(value)} ${unit}`;
}

/** A section as a table of Dossier beside its peers, with notes under it. */
export function renderSection(section: SectionResult): string {
  const notes: string[] = [];
  // A section with no peer figures (the Discord paths) shows no empty peer columns that would suggest one.
  const withBaseline = section.rows.some((row) => row.baseline !== undefined);
  const withSecond = section.rows.some((row) => row.second !== undefined);
  const rows = section.rows.map((row) => {
    let metric = row.metric;
    if (row.note) {
      notes.push(`[${notes.length + 1}] ${row.note}`);
      metric += ` [${notes.length}]`;
    }
    const ratio =
      row.baseline !== undefined && row.baseline !== 0 && row.unit !== '×'
        ? `${formatNumber(row.ours / row.baseline)}×`
        : '';
    const cells = [metric, withUnit(row.ours, row.unit)];
    if (withBaseline) cells.push(withUnit(row.baseline, row.unit), ratio);
    return withSecond ? [...cells, withUnit(row.second, row.unit)] : cells;
  });
  const [ours, baseline, second] = section.columns ?? ['Dossier', 'MiniSearch default'];
  const ratio = section.columns ? `÷ ${baseline}` : 'Dossier ÷ default';
  const header = [
    '',
    ours,
    ...(withBaseline ? [baseline, ratio] : []),
    ...(withSecond ? [second ?? ''] : []),
  ];
  const table = renderTable(header, rows);
  return [section.title, '', table, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}

/** The project's targets with their measurements, each marked PASS or FAIL. */
export function renderTargets(targets: readonly TargetCheck[]): string {
  return renderTable(
    ['Target', 'Measured', ''],
    targets.map((check) => [check.target, check.measured, check.pass ? 'PASS' : 'FAIL']),
  );
}
