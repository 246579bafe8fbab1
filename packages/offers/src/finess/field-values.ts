// How the raw values of FINESS fields are read, the same way for both file formats.

/** nofinesset / nofinessej: 9 characters, the second one `A`/`B` for Corsica (as the domain checks). */
export const FINESS_NUMBER = /^\d[\dAB]\d{7}$/;

/** FINESS writes these dates for "unknown". */
const UNKNOWN_DATES = new Set(['1900-01-01', '1901-01-01', '1904-04-04']);

/** `34295 MONTPELLIER CEDEX 5` → postcode `34295`, city `MONTPELLIER CEDEX 5`; no postcode → the whole line is the city. */
export function splitRoutingLine(routingLine: string): { postcode: string; city: string } {
  const match = /^(\d{5})(?:\s+(.*))?$/.exec(routingLine.trim());
  if (!match) return { postcode: '', city: routingLine.trim() };
  return { postcode: match[1] as string, city: (match[2] ?? '').trim() };
}

/** The 10 digits of a phone number, or '' when it is missing or not 10 digits. */
export function phoneDigits(value: string): string {
  const digits = value.replace(/[\s.]/g, '');
  return /^\d{10}$/.test(digits) ? digits : '';
}

/** A date written `YYYY-MM-DD` or `DD/MM/YYYY` (older national files), as ISO `YYYY-MM-DD`; undefined when it is not a real date. */
export function isoDate(value: string): string | undefined {
  const text = value.trim();
  const french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  const iso = french ? `${french[3]}-${french[2]}-${french[1]}` : text;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return undefined;
  return iso;
}

/**
 * An opening date as ISO `YYYY-MM-DD`: '' when empty or a FINESS placeholder,
 * undefined when it is not a date (`DD/MM/YYYY` is read too, see isoDate).
 */
export function openingDate(value: string): string | undefined {
  if (value.trim() === '') return '';
  const iso = isoDate(value);
  if (iso === undefined) return undefined;
  return UNKNOWN_DATES.has(iso) ? '' : iso;
}

/** A decimal number as FINESS writes it (`3.88`, `-61.5`, `870262,2`), or undefined. */
export function decimal(value: string): number | undefined {
  const text = value.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

export const isLongitude = (value: number): boolean => Number.isFinite(value) && Math.abs(value) <= 180;
export const isLatitude = (value: number): boolean => Number.isFinite(value) && Math.abs(value) <= 90;
