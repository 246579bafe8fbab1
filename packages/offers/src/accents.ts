/** The text without its diacritics (`Hérault` → `Herault`, `Œ` stays): names are compared without them. */
export function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '');
}
