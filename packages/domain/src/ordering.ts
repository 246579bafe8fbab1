/**
 * Orders that do not depend on the platform: no locale collation (ICU data differ
 * between Node builds), so that the same events always give the same bytes — and
 * the same codes the same order on every page (plan, catalogue, audit).
 */

const CHUNK = /(\d+|\D+)/g;

/**
 * Natural order of codes: "1.2-A10" after "1.2-A9", "2" after "10"'s prefix "1".
 * Digits compare as numbers, the rest by UTF-16 code units.
 */
export function compareCodes(a: string, b: string): number {
  const left = a.match(CHUNK) ?? [];
  const right = b.match(CHUNK) ?? [];
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    const x = left[index] as string;
    const y = right[index] as string;
    if (x === y) continue;
    const xDigits = x.charCodeAt(0) >= 48 && x.charCodeAt(0) <= 57;
    const yDigits = y.charCodeAt(0) >= 48 && y.charCodeAt(0) <= 57;
    if (xDigits && yDigits) {
      const difference = Number(x) - Number(y);
      if (difference !== 0) return difference;
      // "01" and "1": the shorter writing first, so that the order stays total.
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  if (left.length !== right.length) return left.length - right.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Plain code-unit order. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
