/** The span of the articles' dates as a reader says it: "2022-01-05 to 2022-01-19", one date, or "undated". */
export function dateRangeText(range: { first: string; last: string } | undefined): string {
  if (!range) return 'undated';
  return range.first === range.last ? range.first : `${range.first} to ${range.last}`;
}
