/**
 * FINESS writes overseas departments with a letter: `9A` Guadeloupe (with Saint-Barthélemy and
 * Saint-Martin), `9B` Martinique, `9C` Guyane, `9D` La Réunion, `9E` Saint-Pierre-et-Miquelon,
 * `9F` Mayotte. Their INSEE department codes are 971 to 976, in that order.
 */
const OVERSEAS_DEPARTEMENTS: Record<string, string> = {
  '9A': '971',
  '9B': '972',
  '9C': '973',
  '9D': '974',
  '9E': '975',
  '9F': '976',
};

/** The INSEE department code of a FINESS `departement` field (`34` → `34`, `2A` → `2A`, `9D` → `974`), or undefined. */
export function inseeDepartement(finessDepartement: string): string | undefined {
  const code = finessDepartement.trim().toUpperCase();
  if (/^(0[1-9]|[1-8]\d|9[0-5]|2[AB])$/.test(code) && code !== '20') return code;
  return OVERSEAS_DEPARTEMENTS[code];
}

/**
 * The INSEE code of a commune from the national file's `departement` and 3-digit `commune` fields.
 * Metropolitan: department (2 characters) + commune (`34` + `172` → `34172`, `2A` + `004` → `2A004`).
 * Overseas: the 3-digit INSEE department + the last 2 digits of the commune (`9D` + `411` → `97411`);
 * FINESS's commune code there already starts with the department's last digit.
 */
export function inseeCommune(finessDepartement: string, commune: string): string | undefined {
  const departement = inseeDepartement(finessDepartement);
  if (!departement || !/^\d{3}$/.test(commune.trim())) return undefined;
  const code = commune.trim();
  return departement.length === 3 ? departement + code.slice(1) : departement + code;
}

/**
 * The department a FINESS number belongs to, for the import's scope: its first 2 characters
 * (`34`, `2A`). Overseas numbers start with `970` + the department's last digit (`9701…`
 * Guadeloupe → `971`, `9704…` La Réunion → `974`), Mayotte's with `9805` (→ `976`); any other
 * `97`/`98` number (Wallis-et-Futuna's `9806`…) keeps its first 4 characters.
 */
export function departementOfFiness(finess: string): string {
  if (/^970[1-5]/.test(finess)) return `97${finess[3]}`;
  if (finess.startsWith('9805')) return '976';
  if (finess.startsWith('97') || finess.startsWith('98')) return finess.slice(0, 4);
  return finess.slice(0, 2);
}
