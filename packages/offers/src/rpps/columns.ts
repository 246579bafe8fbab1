import { foldText } from '@cls/french';

/**
 * The columns of the Annuaire Santé extraction (`PS_LibreAcces_Personne_activite_*.txt`) the
 * import reads, found BY NAME in the header line: the ANS has added, renamed and moved columns
 * over the years (« Libellé civilité d'exercice » became « Libellé civilité exercice », the
 * département moved from « (structure) » to « (coord. structure) », « Code fonction » and
 * « Code genre d'activité » were added at the end, and the newest extractions move the
 * savoir-faire to a file of their own). A header is compared folded (no accents, no case,
 * punctuation as spaces), and each column may have several names.
 *
 * The 52-column header, as a public reader of the file quotes it (search corpus « code »,
 * `PersonneActiviteParser` test, string « Identifiant PP|Identification nationale PP »):
 * Type d'identifiant PP|Identifiant PP|Identification nationale PP|Code civilité d'exercice|
 * Libellé civilité d'exercice|Code civilité|Libellé civilité|Nom d'exercice|Prénom d'exercice|
 * Code profession|Libellé profession|Code catégorie professionnelle|Libellé catégorie
 * professionnelle|Code type savoir-faire|Libellé type savoir-faire|Code savoir-faire|Libellé
 * savoir-faire|Code mode exercice|Libellé mode exercice|Numéro SIRET site|Numéro SIREN site|
 * Numéro FINESS site|Numéro FINESS établissement juridique|Identifiant technique de la
 * structure|Raison sociale site|Enseigne commerciale site|Complément destinataire (coord.
 * structure)|Complément point géographique (coord. structure)|Numéro Voie (coord. structure)|
 * Indice répétition voie (coord. structure)|Code type de voie (coord. structure)|Libellé type
 * de voie (coord. structure)|Libellé Voie (coord. structure)|Mention distribution (coord.
 * structure)|Bureau cedex (coord. structure)|Code postal (coord. structure)|Code commune
 * (coord. structure)|Libellé commune (coord. structure)|Code pays (coord. structure)|Libellé
 * pays (coord. structure)|Téléphone (coord. structure)|Téléphone 2 (coord. structure)|
 * Télécopie (coord. structure)|Adresse e-mail (coord. structure)|Code Département (structure)|
 * Libellé Département (structure)|Ancien identifiant de la structure|Autorité
 * d'enregistrement|Code secteur d'activité|Libellé secteur d'activité|Code section tableau
 * pharmaciens|Libellé section tableau pharmaciens|
 */
export const RPPS_COLUMNS = {
  idType: ["Type d'identifiant PP"],
  rpps: ['Identifiant PP'],
  civility: ["Libellé civilité d'exercice", 'Libellé civilité exercice'],
  lastName: ["Nom d'exercice"],
  firstName: ["Prénom d'exercice"],
  professionCode: ['Code profession'],
  professionLabel: ['Libellé profession'],
  savoirFaireType: ['Code type savoir-faire'],
  savoirFaireCode: ['Code savoir-faire'],
  savoirFaireLabel: ['Libellé savoir-faire'],
  mode: ['Code mode exercice'],
  siret: ['Numéro SIRET site'],
  finess: ['Numéro FINESS site'],
  structureId: ['Identifiant technique de la structure'],
  number: ['Numéro Voie (coord. structure)'],
  repetition: ['Indice répétition voie (coord. structure)'],
  streetTypeCode: ['Code type de voie (coord. structure)'],
  streetType: ['Libellé type de voie (coord. structure)'],
  street: ['Libellé Voie (coord. structure)'],
  distribution: ['Mention distribution (coord. structure)'],
  cedex: ['Bureau cedex (coord. structure)'],
  postcode: ['Code postal (coord. structure)'],
  communeCode: ['Code commune (coord. structure)'],
  communeName: ['Libellé commune (coord. structure)'],
  phone: ['Téléphone (coord. structure)'],
} as const;
export type RppsColumn = keyof typeof RPPS_COLUMNS;

/** Columns without which no line can be read: the others, when absent, read empty. */
const REQUIRED: readonly RppsColumn[] = [
  'rpps',
  'lastName',
  'firstName',
  'professionCode',
  'professionLabel',
  'mode',
  'postcode',
  'communeCode',
  'cedex',
];

/** The header line's columns: where each one the import reads is, and how many fields a line has. */
export interface RppsHeader {
  at: Readonly<Partial<Record<RppsColumn, number>>>;
  /** Fields of a line, the empty one after the trailing `|` included. */
  fields: number;
  /** Whether the file has the savoir-faire (the newest extractions publish them apart). */
  hasSavoirFaire: boolean;
}

/**
 * The header line read: each column the import needs found by its name. A header that lacks
 * one is refused with a French message naming the missing columns.
 */
export function rppsHeaderOf(text: string): RppsHeader {
  const names = text.split('|').map((name) => foldText(name));
  const at: Partial<Record<RppsColumn, number>> = {};
  for (const [column, spellings] of Object.entries(RPPS_COLUMNS) as Array<[RppsColumn, readonly string[]]>) {
    const index = spellings
      .map((spelling) => names.indexOf(foldText(spelling)))
      .find((found) => found !== -1);
    if (index !== undefined) at[column] = index;
  }
  const missing = REQUIRED.filter((column) => at[column] === undefined);
  if (missing.length > 0) {
    throw new Error(
      `Extraction Annuaire Santé : colonnes absentes de l’en-tête (ligne 1) : ${missing.map((column) => `« ${RPPS_COLUMNS[column][0]} »`).join(', ')}`,
    );
  }
  return { at, fields: names.length, hasSavoirFaire: at.savoirFaireCode !== undefined };
}
