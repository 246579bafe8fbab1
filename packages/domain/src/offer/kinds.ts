import type { OfferPublic } from './attributes.js';

/**
 * Kinds of health offers, with a stable key (in events, URLs and exports) and
 * their French labels. The order is the portal's order of filters.
 */
export const OFFER_KINDS = [
  'msp',
  'cpts',
  'centre_sante',
  'sage_femme',
  'medecin_generaliste',
  'infirmier',
  'chirurgien_dentiste',
  'masseur_kinesitherapeute',
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
  medecin_generaliste: { short: 'Médecin généraliste', long: 'Médecin généraliste' },
  infirmier: { short: 'Infirmier·ère', long: 'Infirmier ou infirmière' },
  chirurgien_dentiste: { short: 'Dentiste', long: 'Chirurgien-dentiste' },
  masseur_kinesitherapeute: { short: 'Kinésithérapeute', long: 'Masseur-kinésithérapeute' },
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

/**
 * An offer's kind as a resident reads it, its public said where it tells two offers apart:
 * adult CMPs and child and adolescent CMPs share the kind `cmp`, and a parent looks for the
 * latter (« CMP enfants et adolescents », « CMP adultes »). A CMP for both, or whose public is
 * unknown, is a « CMP ». The one home of this rule: the portal's card and list, the admin app.
 */
export function offerKindLabel(kind: OfferKind, publics?: readonly OfferPublic[] | null): OfferKindLabel {
  const label = OFFER_KIND_LABELS[kind];
  if (kind !== 'cmp' || !publics) return label;
  const young = publics.includes('enfants') || publics.includes('adolescents');
  const adult = publics.includes('adultes');
  if (young && !adult) {
    return { short: 'CMP enfants et adolescents', long: `${label.long} pour enfants et adolescents` };
  }
  if (adult && !young) return { short: 'CMP adultes', long: `${label.long} pour adultes` };
  return label;
}
