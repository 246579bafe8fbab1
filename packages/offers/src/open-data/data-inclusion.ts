import {
  OFFER_ACCESS_LABELS,
  OFFER_PUBLIC_LABELS,
  type OfferAccess,
  type OfferKind,
  type OfferPublic,
  type OfferService,
  offerKindLabel,
} from '@cls/domain';

/**
 * The offers in the data·inclusion schema (« référentiel de l’offre d’insertion », schema v1 of
 * gip-inclusion/data-inclusion-schema, `schemas/v1/structure.json` and `service.json`): a
 * structure is the offer's place, its service what it offers there. Only what the directory
 * knows is given; everything else is null (the schema's own « non renseigné »), never guessed.
 */

/** What an offer of the directory says, as the public REST gives it (`OfferSummary`). */
export interface PublishedOffer {
  id: string;
  name: string;
  kind: OfferKind;
  address: string;
  postcode: string | null;
  commune: string;
  communeInsee: string | null;
  phone: string | null;
  lon: number;
  lat: number;
  verifiedOn: string;
  coverage: readonly string[];
  openingHours: string | null;
  publics: readonly OfferPublic[];
  access: readonly OfferAccess[];
  services: readonly OfferService[];
  teleconsultation: boolean | null;
  appointmentUrl: string | null;
  website?: string | null;
  /** A practitioner's practice there (RPPS), absent for an establishment. */
  practice?: { profession: { label: string }; mode: 'liberal' } | null;
  /** `commune`: the point is only the commune's centre. */
  positionPrecision?: 'address' | 'commune' | null;
}

/** The producer's identifier in data·inclusion ids (`<source>--<id>`). */
export const DATA_INCLUSION_SOURCE = 'cls';

export interface DataInclusionStructure {
  source: string;
  id: string;
  nom: string;
  date_maj: string;
  siret: string | null;
  description: string | null;
  adresse: string | null;
  complement_adresse: string | null;
  commune: string | null;
  code_postal: string | null;
  code_insee: string | null;
  longitude: number | null;
  latitude: number | null;
  telephone: string | null;
  courriel: string | null;
  site_web: string | null;
  lien_source: string | null;
  horaires_accueil: string | null;
  accessibilite_lieu: string | null;
  reseaux_porteurs: string[] | null;
}

export interface DataInclusionService {
  source: string;
  structure_id: string;
  id: string;
  nom: string;
  description: string;
  date_maj: string;
  type: string | null;
  thematiques: string[] | null;
  frais: 'gratuit' | 'payant' | null;
  frais_precisions: string | null;
  publics: string[] | null;
  publics_precisions: string | null;
  conditions_acces: string | null;
  adresse: string | null;
  complement_adresse: string | null;
  commune: string | null;
  code_postal: string | null;
  code_insee: string | null;
  longitude: number | null;
  latitude: number | null;
  telephone: string | null;
  courriel: string | null;
  contact_nom_prenom: string | null;
  horaires_accueil: string | null;
  lien_source: string | null;
  lien_mobilisation: string | null;
  modes_accueil: string[] | null;
  modes_mobilisation: string[] | null;
  mobilisable_par: string[] | null;
  mobilisation_precisions: string | null;
  nombre_semaines: number | null;
  volume_horaire_hebdomadaire: number | null;
  zone_eligibilite: string[] | null;
}

/** The schema's thématiques (`schemas/v1/extra/thematiques.json`, values `sante--…`) of each kind. */
const KIND_THEMATIQUES: Partial<Record<OfferKind, readonly string[]>> = {
  cmp: ['sante--sante-mentale'],
  cmpp: ['sante--sante-mentale'],
  cattp: ['sante--sante-mentale'],
  psychiatrie: ['sante--sante-mentale'],
  csapa: ['sante--addictions'],
  caarud: ['sante--addictions'],
  planification: ['sante--sante-sexuelle'],
  depistage: ['sante--sante-sexuelle'],
};
/** Every other kind (MSP, centres de santé, practitioners, hospitals…) is care: « Accès aux soins ». */
const DEFAULT_THEMATIQUES = ['sante--acces-aux-soins'] as const;

const SERVICE_THEMATIQUES: Partial<Record<OfferService, string>> = {
  depistage_ist: 'sante--sante-sexuelle',
  contraception: 'sante--sante-sexuelle',
  ivg_medicamenteuse: 'sante--sante-sexuelle',
  sevrage_tabagique: 'sante--addictions',
  soutien_psychologique: 'sante--sante-mentale',
};

/**
 * The schema's publics (`extra/publics.json`) that say the same as ours: « femmes » for pregnant
 * women, « seniors » for the elderly. Children, adolescents and adults have no equivalent there
 * (« jeunes » are 16–25 in insertion's sense): they are said in `publics_precisions`.
 */
const PUBLICS: Partial<Record<OfferPublic, string>> = {
  femmes_enceintes: 'femmes',
  personnes_agees: 'seniors',
};

/** The schema's réseaux porteurs (structure.json `ReseauPorteur`) that are kinds of ours. */
const NETWORKS: Partial<Record<OfferKind, string>> = { cmp: 'cmp', csapa: 'csapa', caarud: 'caarud' };

/** Overseas numbers have their own country codes (ARCEP's numbering plan); the rest is +33. */
const OVERSEAS_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['0590', '+590'],
  ['0690', '+590'],
  ['0691', '+590'],
  ['0594', '+594'],
  ['0694', '+594'],
  ['0596', '+596'],
  ['0696', '+596'],
  ['0697', '+596'],
  ['0262', '+262'],
  ['0263', '+262'],
  ['0692', '+262'],
  ['0693', '+262'],
  ['0269', '+262'],
  ['0639', '+262'],
  ['0508', '+508'],
];

/** A French national number (10 digits) in E.164, as the schema prefers; anything else as it is. */
export function e164(phone: string | null): string | null {
  if (!phone) return null;
  if (!/^0\d{9}$/.test(phone)) return phone;
  const overseas = OVERSEAS_PREFIXES.find(([prefix]) => phone.startsWith(prefix));
  return `${overseas ? overseas[1] : '+33'}${phone.slice(1)}`;
}

/** The schema's names: 3 to 150 characters, not ending with a period. */
function schemaName(name: string): string {
  const trimmed = name.trim().replace(/\.+$/, '');
  return trimmed.length > 150 ? `${trimmed.slice(0, 149).trimEnd()}…` : trimmed;
}

const structureId = (offer: PublishedOffer) => `${DATA_INCLUSION_SOURCE}--${offer.id}`;

function place(offer: PublishedOffer) {
  // A commune's centre is no structure's position: the schema's coordinates stay unknown then.
  const located = offer.positionPrecision !== 'commune';
  return {
    adresse: offer.address || null,
    complement_adresse: null,
    commune: offer.commune || null,
    code_postal: offer.postcode,
    code_insee: offer.communeInsee,
    longitude: located ? offer.lon : null,
    latitude: located ? offer.lat : null,
    telephone: e164(offer.phone),
    courriel: null,
  };
}

/** The offer's place as a data·inclusion structure. */
export function structureOfOffer(offer: PublishedOffer): DataInclusionStructure {
  const network = NETWORKS[offer.kind];
  return {
    source: DATA_INCLUSION_SOURCE,
    id: structureId(offer),
    nom: schemaName(offer.name),
    date_maj: offer.verifiedOn,
    siret: null,
    description: null,
    ...place(offer),
    site_web: offer.website ?? null,
    lien_source: null,
    horaires_accueil: offer.openingHours,
    accessibilite_lieu: null,
    reseaux_porteurs: network ? [network] : null,
  };
}

const unique = (values: Iterable<string>) => [...new Set(values)];
const orNull = <T>(values: T[]): T[] | null => (values.length > 0 ? values : null);

/** What the offer provides there as a data·inclusion service, said from its kind and facts only. */
export function serviceOfOffer(offer: PublishedOffer): DataInclusionService {
  const label = offerKindLabel(offer.kind, offer.publics).long;
  const thematiques = unique([
    ...(KIND_THEMATIQUES[offer.kind] ?? DEFAULT_THEMATIQUES),
    ...offer.services.flatMap((service) => SERVICE_THEMATIQUES[service] ?? []),
  ]);
  const publics = unique(offer.publics.flatMap((value) => PUBLICS[value] ?? []));
  const conditions = offer.access.filter((value) => value !== 'gratuit');
  // A CPTS coordinates professionals: nobody is received there.
  const receives = offer.kind !== 'cpts';
  const modesAccueil = [
    ...(receives ? ['en-presentiel'] : []),
    ...(offer.teleconsultation ? ['a-distance'] : []),
  ];
  const modesMobilisation = [
    ...(offer.phone ? ['telephoner'] : []),
    ...(offer.appointmentUrl ? ['utiliser-lien-mobilisation'] : []),
    ...(receives && offer.access.includes('sans_rendez_vous') ? ['se-presenter'] : []),
  ];
  return {
    source: DATA_INCLUSION_SOURCE,
    structure_id: structureId(offer),
    id: `${structureId(offer)}--${offer.kind}`,
    nom: schemaName(label),
    description: `${label}${offer.practice?.mode === 'liberal' ? ', exercice libéral' : ''} à ${
      offer.commune || 'commune non renseignée'
    }.`,
    date_maj: offer.verifiedOn,
    type: null,
    thematiques,
    frais: offer.access.includes('gratuit') ? 'gratuit' : null,
    frais_precisions:
      offer.access
        .filter((value) => value === 'sans_avance_de_frais' || value === 'secteur_1')
        .map((value) => OFFER_ACCESS_LABELS[value])
        .join(' ; ') || null,
    publics: orNull(publics),
    publics_precisions: offer.publics.map((value) => OFFER_PUBLIC_LABELS[value]).join(', ') || null,
    conditions_acces: conditions.map((value) => OFFER_ACCESS_LABELS[value]).join(' ; ') || null,
    ...place(offer),
    contact_nom_prenom: null,
    horaires_accueil: offer.openingHours,
    lien_source: null,
    lien_mobilisation: offer.appointmentUrl,
    modes_accueil: orNull(modesAccueil),
    modes_mobilisation: orNull(modesMobilisation),
    mobilisable_par: modesMobilisation.length > 0 ? ['usagers'] : null,
    mobilisation_precisions: null,
    nombre_semaines: null,
    volume_horaire_hebdomadaire: null,
    // A CPTS's declared communes; elsewhere the schema's null: no eligibility rule is known.
    zone_eligibilite: offer.kind === 'cpts' ? orNull([...offer.coverage]) : null,
  };
}

/** The CSV columns: the required fields first, then the place, then the rest of the schema's properties. */
export const STRUCTURE_COLUMNS = [
  'source',
  'id',
  'nom',
  'date_maj',
  'siret',
  'description',
  'adresse',
  'complement_adresse',
  'commune',
  'code_postal',
  'code_insee',
  'longitude',
  'latitude',
  'telephone',
  'courriel',
  'site_web',
  'lien_source',
  'horaires_accueil',
  'accessibilite_lieu',
  'reseaux_porteurs',
] as const satisfies ReadonlyArray<keyof DataInclusionStructure>;

export const SERVICE_COLUMNS = [
  'source',
  'structure_id',
  'id',
  'nom',
  'description',
  'date_maj',
  'type',
  'thematiques',
  'frais',
  'frais_precisions',
  'publics',
  'publics_precisions',
  'conditions_acces',
  'adresse',
  'complement_adresse',
  'commune',
  'code_postal',
  'code_insee',
  'longitude',
  'latitude',
  'telephone',
  'courriel',
  'contact_nom_prenom',
  'horaires_accueil',
  'lien_source',
  'lien_mobilisation',
  'modes_accueil',
  'modes_mobilisation',
  'mobilisable_par',
  'mobilisation_precisions',
  'nombre_semaines',
  'volume_horaire_hebdomadaire',
  'zone_eligibilite',
] as const satisfies ReadonlyArray<keyof DataInclusionService>;

/**
 * One CSV row of a record: null is an empty cell, a list its values joined by `,`
 * (the schema's values never hold a comma), a number as JavaScript writes it.
 */
export function dataInclusionRow<Row extends object>(
  record: Row,
  columns: ReadonlyArray<keyof Row>,
): string[] {
  return columns.map((column) => {
    const value = record[column] as unknown;
    if (value === null || value === undefined) return '';
    if (Array.isArray(value)) return value.join(',');
    return String(value);
  });
}
