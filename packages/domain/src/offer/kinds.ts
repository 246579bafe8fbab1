/**
 * Kinds of health offers, with a stable key (in events, URLs and exports) and
 * their French labels. The order is the portal's order of filters.
 */
export const OFFER_KINDS = [
  'msp',
  'cpts',
  'centre_sante',
  'sage_femme',
  'cmp',
  'cmpp',
  'cattp',
  'pmi',
  'camsp',
  'planification',
  'csapa',
  'caarud',
  'depistage',
  'hopital',
  'psychiatrie',
  'clinique',
] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

export interface OfferKindLabel {
  /** Short, for filters and badges. */
  short: string;
  /** Spelled out, for cards and screen readers. */
  long: string;
}

export const OFFER_KIND_LABELS: Record<OfferKind, OfferKindLabel> = {
  msp: { short: 'MSP', long: 'Maison de santé pluriprofessionnelle' },
  cpts: { short: 'CPTS', long: 'Communauté professionnelle territoriale de santé' },
  centre_sante: { short: 'Centre de santé', long: 'Centre de santé' },
  sage_femme: { short: 'Sage-femme', long: 'Sage-femme' },
  cmp: { short: 'CMP', long: 'Centre médico-psychologique' },
  cmpp: { short: 'CMPP', long: 'Centre médico-psycho-pédagogique' },
  cattp: { short: 'CATTP', long: 'Centre d’accueil thérapeutique à temps partiel' },
  pmi: { short: 'PMI', long: 'Protection maternelle et infantile' },
  camsp: { short: 'CAMSP', long: 'Centre d’action médico-sociale précoce' },
  planification: { short: 'Santé sexuelle', long: 'Centre de santé sexuelle (planification familiale)' },
  csapa: { short: 'CSAPA', long: 'Centre de soins, d’accompagnement et de prévention en addictologie' },
  caarud: {
    short: 'CAARUD',
    long: 'Centre d’accueil et d’accompagnement à la réduction des risques pour usagers de drogues',
  },
  depistage: { short: 'Dépistage', long: 'Centre de dépistage (CeGIDD)' },
  hopital: { short: 'Hôpital', long: 'Hôpital public' },
  psychiatrie: { short: 'Psychiatrie', long: 'Établissement de santé mentale' },
  clinique: { short: 'Clinique', long: 'Clinique' },
};

export const isOfferKind = (value: string): value is OfferKind =>
  (OFFER_KINDS as readonly string[]).includes(value);
