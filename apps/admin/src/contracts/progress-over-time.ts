/**
 * The contract's progress over time, from its actions' dates: at the end of
 * each year of the period (up to this year), how many actions had started and
 * how many were completed, cumulated. An action without a start date is not
 * counted as started; an abandoned one is not counted as completed.
 */
export function progressOverTime(
  actions: ReadonlyArray<{ status: string; startedOn: string | null; endedOn: string | null }>,
  period: { start: number; end: number },
  today: string,
): Array<{ year: number; started: number; completed: number }> {
  const lastYear = Math.min(period.end, Number(today.slice(0, 4)));
  const years: Array<{ year: number; started: number; completed: number }> = [];
  for (let year = period.start; year <= lastYear; year += 1) {
    const yearEnd = `${year}-12-31`;
    years.push({
      year,
      started: actions.filter((action) => action.startedOn !== null && action.startedOn <= yearEnd).length,
      completed: actions.filter(
        (action) => action.status === 'completed' && action.endedOn !== null && action.endedOn <= yearEnd,
      ).length,
    });
  }
  return years;
}
