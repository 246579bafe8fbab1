/**
 * Kinds of organisations a CLS names (porteur, parties, signatories, pilots,
 * partners, funders), with a stable key (in events and URLs) and their French
 * labels. The order is the order of the forms' lists.
 */
export const ORGANISATION_KINDS = [
  'collectivite',
  'epci',
  'commune',
  'departement',
  'region',
  'etat',
  'ars',
  'cpam',
  'hopital',
  'association',
  'groupement_professionnels',
  'education_nationale',
  'autre',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  collectivite: 'Collectivité territoriale',
  epci: 'EPCI (communauté de communes, d’agglomération…)',
  commune: 'Commune',
  departement: 'Département',
  region: 'Région',
  etat: 'État / préfecture',
  ars: 'Agence régionale de santé (ARS)',
  cpam: 'Assurance maladie (CPAM, MSA…)',
  hopital: 'Hôpital / établissement de santé',
  association: 'Association',
  groupement_professionnels: 'Groupement de professionnels (CPTS, MSP…)',
  education_nationale: 'Éducation nationale',
  autre: 'Autre',
};

export const isOrganisationKind = (value: string): value is OrganisationKind =>
  (ORGANISATION_KINDS as readonly string[]).includes(value);
