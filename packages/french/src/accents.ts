/** The text without its diacritics (`Hérault` → `Herault`; `Œ` stays: a letter of its own, not an accent). */
export function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '');
}

/**
 * A name as names are compared and keys are made: lower case, without accents,
 * `œ` and `æ` spelt out, each run of anything but letters and digits one
 * `separator`, none at the ends (`Clermont-l'Hérault` → `clermont l herault`,
 * with `-`: `clermont-l-herault`).
 */
export function foldText(text: string, separator = ' '): string {
  return withoutAccents(text)
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join(separator);
}
