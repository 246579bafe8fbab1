/**
 * FINESS street-type abbreviations (`typvoie`) spelt out for an address line, as
 * health-offers.geojson writes them (`R` → `RUE`). Zone acronyms (ZA, ZAC, ZI) stay as they are,
 * and so does an abbreviation not listed here. The Annuaire Santé's « code type de voie » and the
 * BAN's abbreviated names use the same codes (the BAN address index spells them out with it).
 */
export const STREET_TYPE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  ALL: 'ALLEE',
  AV: 'AVENUE',
  BD: 'BOULEVARD',
  CAR: 'CARREFOUR',
  CCAL: 'CENTRE COMMERCIAL',
  CHE: 'CHEMIN',
  CHEM: 'CHEMIN',
  CHS: 'CHAUSSEE',
  CHT: 'CHATEAU',
  CITE: 'CITE',
  CRS: 'COURS',
  DOM: 'DOMAINE',
  ESP: 'ESPLANADE',
  FG: 'FAUBOURG',
  GR: 'GRANDE RUE',
  HAM: 'HAMEAU',
  IMM: 'IMMEUBLE',
  IMP: 'IMPASSE',
  LD: 'LIEU-DIT',
  LOT: 'LOTISSEMENT',
  MAIL: 'MAIL',
  MTE: 'MONTEE',
  PARC: 'PARC',
  PAS: 'PASSAGE',
  PASS: 'PASSAGE',
  PL: 'PLACE',
  PLN: 'PLAINE',
  PLT: 'PLATEAU',
  PROM: 'PROMENADE',
  PRV: 'PARVIS',
  QU: 'QUAI',
  QUA: 'QUARTIER',
  QUAI: 'QUAI',
  R: 'RUE',
  RES: 'RESIDENCE',
  RLE: 'RUELLE',
  ROC: 'ROCADE',
  RPT: 'ROND-POINT',
  RTE: 'ROUTE',
  SEN: 'SENTIER',
  SQ: 'SQUARE',
  TRA: 'TRAVERSE',
  TSSE: 'TERRASSE',
  VLA: 'VILLA',
  VOI: 'VOIE',
};

/** The street type spelt out, or the abbreviation itself when it is not a known one. */
export function streetTypeInFull(abbreviation: string): string {
  const code = abbreviation.trim().toUpperCase();
  return STREET_TYPE_ABBREVIATIONS[code] ?? abbreviation.trim();
}
