/**
 * What a French user types, read back: dates as JJ/MM/AAAA (or AAAA-MM-JJ),
 * numbers with a decimal comma and grouped thousands, percents as « 30 % ».
 * Forms and imports read through these, so « 30 % » means the same everywhere.
 */

/** Spaces a French text may hold between digits: plain, no-break, narrow no-break. */
const SPACES = /[\s\u00a0\u202f]/g;

/** `AAAA-MM-JJ` if the text is a real day as JJ/MM/AAAA (J/M too, `.` or `-` between) or AAAA-MM-JJ; otherwise undefined. */
export function parseFrenchDate(text: string): string | undefined {
  const input = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(input);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : french
      ? [Number(french[3]), Number(french[2]), Number(french[1])]
      : [];
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The number in « 1 234,5 », « 30,5 » or « 30.5 »; undefined when the text is not one. */
export function parseFrenchNumber(text: string): number | undefined {
  const input = text.replace(SPACES, '').replace(',', '.');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(input)) return undefined;
  return Number(input);
}

/** The number of percent in « 30 % », « 30% », « 30,5 % » or « 30 »; undefined when the text is not one. */
export function parsePercent(text: string): number | undefined {
  return parseFrenchNumber(text.trim().replace(/[\s\u00a0\u202f]*%$/, ''));
}

/** « 15/03/2025 » from `2025-03-15`: how a date input shows a value (other text unchanged). */
export function frenchDateInput(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}
