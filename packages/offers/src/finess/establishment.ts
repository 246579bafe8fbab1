/** One FINESS establishment (entité géographique), as either file format gives it. */
export interface FinessEstablishment {
  /** 1-based line number in the file, for messages. */
  line: number;
  /** nofinesset. */
  finess: string;
  /** nofinessej: the legal entity (entité juridique), or ''. */
  legalEntity: string;
  /** rs: short name, upper case. */
  name: string;
  /** rslongue, or '' (the project's extract never has it). */
  longName: string;
  categoryCode: string;
  categoryLabel: string;
  aggregateCode: string;
  aggregateLabel: string;
  streetNumber: string;
  /** FINESS abbreviation (`R`, `AV`, `BD`…), as in the file. */
  streetType: string;
  street: string;
  /** compvoie: `B`, `T`, `BIS`… */
  streetComplement: string;
  /** lieuditbp: lieu-dit, BP, CS. */
  locality: string;
  /** INSEE code of the commune, or '' when the file gives none. */
  communeInsee: string;
  /** The 5 digits that open ligneacheminement (may be a CEDEX code), or ''. */
  postcode: string;
  /** The rest of ligneacheminement, e.g. `MONTPELLIER CEDEX 5`. */
  city: string;
  /** 10 digits, or ''. */
  phone: string;
  siret: string;
  /** Opening date, ISO `YYYY-MM-DD`, or '' when unknown. */
  openedOn: string;
  /** WGS84. */
  lon: number;
  lat: number;
  /** Where the position comes from: `finess_lambert93` in the extract, FINESS's sourcecoordet otherwise. */
  geoSource: string;
}

export interface FinessRejection {
  line: number;
  /** Why the line was left out, in French. */
  reason: string;
}

export interface FinessParseResult {
  establishments: FinessEstablishment[];
  rejected: FinessRejection[];
  /** `extract`: the project's comma-separated extract; `etalab`: the national file of data.gouv.fr. */
  format: 'extract' | 'etalab';
  /** The date of the national extract (its first line), `YYYY-MM-DD`. */
  extractDate?: string;
}

/** A rejection as one French sentence, e.g. for an import report. */
export const describeRejection = (rejection: FinessRejection): string =>
  `ligne ${rejection.line} : ${rejection.reason}`;
