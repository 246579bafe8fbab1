/**
 * Lines of the Annuaire Santé extraction for tests: the real header and real lines, each quoted
 * with where it was found, and made-up lines in the same layout for what no public file shows
 * (../shared/data's README: no public repository holds liberal sages-femmes' lines).
 */

/**
 * The header of `PS_LibreAcces_Personne_activite_*.txt` (52 columns and the trailing `|`), as a
 * public test of an RPPS reader quotes it (search corpus « code », `test_personne_activite_mapper`,
 * string « Identifiant PP|Identification nationale PP »).
 */
export const RPPS_HEADER =
  "Type d'identifiant PP|Identifiant PP|Identification nationale PP|Code civilité d'exercice|Libellé civilité d'exercice|Code civilité|Libellé civilité|Nom d'exercice|Prénom d'exercice|Code profession|Libellé profession|Code catégorie professionnelle|Libellé catégorie professionnelle|Code type savoir-faire|Libellé type savoir-faire|Code savoir-faire|Libellé savoir-faire|Code mode exercice|Libellé mode exercice|Numéro SIRET site|Numéro SIREN site|Numéro FINESS site|Numéro FINESS établissement juridique|Identifiant technique de la structure|Raison sociale site|Enseigne commerciale site|Complément destinataire (coord. structure)|Complément point géographique (coord. structure)|Numéro Voie (coord. structure)|Indice répétition voie (coord. structure)|Code type de voie (coord. structure)|Libellé type de voie (coord. structure)|Libellé Voie (coord. structure)|Mention distribution (coord. structure)|Bureau cedex (coord. structure)|Code postal (coord. structure)|Code commune (coord. structure)|Libellé commune (coord. structure)|Code pays (coord. structure)|Libellé pays (coord. structure)|Téléphone (coord. structure)|Téléphone 2 (coord. structure)|Télécopie (coord. structure)|Adresse e-mail (coord. structure)|Code Département (structure)|Libellé Département (structure)|Ancien identifiant de la structure|Autorité d'enregistrement|Code secteur d'activité|Libellé secteur d'activité|Code section tableau pharmaciens|Libellé section tableau pharmaciens|";

/**
 * A later layout's header (civility without « d' », « Code département (coord. structure) », four
 * columns added at the end), as a public test of a généralistes counter writes it (search corpus
 * « code », string « Libellé civilité exercice|Code civilité »).
 */
export const RPPS_HEADER_LATER =
  "Type d'identifiant PP|Identifiant PP|Identification nationale PP|Code civilité d'exercice|Libellé civilité exercice|Code civilité|Libellé civilité|Nom d'exercice|Prénom d'exercice|Code profession|Libellé profession|Code catégorie professionnelle|Libellé catégorie professionnelle|Code type savoir-faire|Libellé type savoir-faire|Code savoir-faire|Libellé savoir-faire|Code mode exercice|Libellé mode exercice|Numéro SIRET site|Numéro SIREN site|Numéro FINESS site|Numéro FINESS établissement juridique|Identifiant technique de la structure|Raison sociale site|Enseigne commerciale site|Complément destinataire (coord. structure)|Complément point géographique (coord. structure)|Numéro Voie (coord. structure)|Indice répétition voie (coord. Structure)|Code type de voie (coord. structure)|Libellé type de voie (coord. structure)|Libellé Voie (coord. structure)|Mention distribution (coord. structure)|Bureau cedex (coord. structure)|Code postal (coord. structure)|Code commune (coord. structure)|Libellé commune (coord. structure)|Code pays (coord. structure)|Libellé pays (coord. structure)|Téléphone (coord. structure)|Téléphone 2 (coord. structure)|Télécopie (coord. structure)|Adresse e-mail (coord. structure)|Code département (coord. structure)|Libellé département (coord. structure)|Ancien identifiant de la structure|Autorité d'enregistrement|Code secteur d'activité|Libellé secteur d'activité|Code section tableau pharmaciens|Libellé section tableau pharmaciens|Code fonction|Libellé fonction|Code genre d'activité|Libellé genre d'activité|";

/**
 * Real lines, in the layout of RPPS_HEADER:
 * - `salariedGeneralist`: a médecin « Spécialiste en Médecine Générale » (SM53), salaried at the
 *   Pontarlier hospital — quoted in a comment of a public migration (search corpus « code »,
 *   string « |Médecin|C|Civil| »);
 * - `adeliAudioprosthetist`: an audioprothésiste known by his ADELI number (type 0), salaried —
 *   quoted in the public test of an RPPS reader (string « PETITGUYOT »);
 * - `liberalSpeechTherapist`: a liberal orthophoniste whose site has no commune code, only its
 *   « Bureau cedex » `75015 PARIS` — the same test's record, its values joined in the header's order.
 */
export const REAL_RPPS_LINES = {
  salariedGeneralist:
    '8|10100271385|810100271385|DR|Docteur|M|Monsieur|LEGER|ROMAIN|10|Médecin|C|Civil|S|Spécialité ordinale|SM53|Spécialiste en Médecine Générale|S|Salarié|26250462400012||250000700|250000452|F250000700|CHI HC SITE RIVES DU DOUBS PONTARLIER||||2||FG|Faubourg|SAINT ETIENNE|CS 10329|25304 PONTARLIER CEDEX|25304|25462|Pontarlier|||0381385454||0381385480|contact@chi-hautecomte.fr|||1250000700|CNOM/CNOM/ARS|SA01|Etablissement Public de santé|||',
  adeliAudioprosthetist:
    '0|012600631|0012600631|||M|Monsieur|PETITGUYOT|ALEXANDRE|26|Audioprothésiste|C|Civil|||||S|Salarié|49940088500020||||C49940088500020|DOUBS OPTIC||DOUBS OPTIC||9||RTE|Route|DE BESANCON||25300 DOUBS|25300|||||||||||349940088500020|ARS/Variable/Variable|SA42|Appareillage médical|||',
  liberalSpeechTherapist:
    '0|759124159|0759124159|||MME|Madame|DE RUIJTER|ISABELLE|91|Orthophoniste|C|Civil|||||L|Libéral|||||C75912415900|CABINET MME DE RUIJTER||CABINET MME DE RUIJTER||P||PL|Place|VIOLET|CDS ANSELME PAYEN EPHPAD|75015 PARIS|75015|||||0148237096||||||075912415900|ARS/CPAM/CPAM|SA07|Cabinet individuel|||',
} as const;

/**
 * A MADE-UP line in the layout of RPPS_HEADER (names and numbers invented), its fields given by
 * column name; the others empty.
 */
export function madeUpRppsLine(fields: Readonly<Record<string, string>>): string {
  const columns = RPPS_HEADER.split('|');
  for (const name of Object.keys(fields)) {
    if (!columns.includes(name)) throw new Error(`madeUpRppsLine : colonne inconnue « ${name} »`);
  }
  return columns.map((column) => (column === '' ? '' : (fields[column] ?? ''))).join('|');
}

/** A made-up liberal practitioner's line: `rpps`, profession, site, commune — the rest as a real line writes it. */
export function madeUpPractitioner(options: {
  rpps: string;
  lastName: string;
  firstName: string;
  profession: [code: string, label: string];
  savoirFaire?: [code: string, label: string];
  mode?: 'L' | 'S' | 'B';
  structureId: string;
  number?: string;
  streetType?: [code: string, label: string];
  street?: string;
  cedex: string;
  postcode: string;
  communeCode?: string;
  communeName?: string;
  phone?: string;
}): string {
  const mode = options.mode ?? 'L';
  return madeUpRppsLine({
    "Type d'identifiant PP": '8',
    'Identifiant PP': options.rpps,
    'Identification nationale PP': `8${options.rpps}`,
    'Code civilité': 'MME',
    'Libellé civilité': 'Madame',
    "Nom d'exercice": options.lastName,
    "Prénom d'exercice": options.firstName,
    'Code profession': options.profession[0],
    'Libellé profession': options.profession[1],
    'Code catégorie professionnelle': 'C',
    'Libellé catégorie professionnelle': 'Civil',
    ...(options.savoirFaire
      ? {
          'Code type savoir-faire': 'S',
          'Libellé type savoir-faire': 'Spécialité ordinale',
          'Code savoir-faire': options.savoirFaire[0],
          'Libellé savoir-faire': options.savoirFaire[1],
        }
      : {}),
    'Code mode exercice': mode,
    'Libellé mode exercice': { L: 'Libéral', S: 'Salarié', B: 'Bénévole' }[mode],
    'Identifiant technique de la structure': options.structureId,
    'Numéro Voie (coord. structure)': options.number ?? '',
    'Code type de voie (coord. structure)': options.streetType?.[0] ?? '',
    'Libellé type de voie (coord. structure)': options.streetType?.[1] ?? '',
    'Libellé Voie (coord. structure)': options.street ?? '',
    'Bureau cedex (coord. structure)': options.cedex,
    'Code postal (coord. structure)': options.postcode,
    'Code commune (coord. structure)': options.communeCode ?? '',
    'Libellé commune (coord. structure)': options.communeName ?? '',
    'Téléphone (coord. structure)': options.phone ?? '',
    "Code secteur d'activité": 'SA07',
    "Libellé secteur d'activité": 'Cabinet individuel',
  });
}
