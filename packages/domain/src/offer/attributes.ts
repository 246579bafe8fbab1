import { z } from 'zod';
import { atMost, WebLinkSchema } from '../values.js';
import { openingHoursProblem } from './opening-hours.js';

/**
 * What a resident asks of an offer besides its kind and place: whom it is for,
 * on what terms one gets in, in which languages, what it does. Each list has a
 * stable key (kept in events and URLs) and its French label (admin and portal).
 */

export const OFFER_PUBLICS = [
  'enfants',
  'adolescents',
  'adultes',
  'personnes_agees',
  'femmes_enceintes',
] as const;
export type OfferPublic = (typeof OFFER_PUBLICS)[number];
export const OFFER_PUBLIC_LABELS: Record<OfferPublic, string> = {
  enfants: 'Enfants',
  adolescents: 'Adolescents',
  adultes: 'Adultes',
  personnes_agees: 'Personnes âgées',
  femmes_enceintes: 'Femmes enceintes',
};

export const OFFER_ACCESS = [
  'gratuit',
  'sans_avance_de_frais',
  'anonyme',
  'sur_rendez_vous',
  'sans_rendez_vous',
  'secteur_1',
] as const;
export type OfferAccess = (typeof OFFER_ACCESS)[number];
export const OFFER_ACCESS_LABELS: Record<OfferAccess, string> = {
  gratuit: 'Gratuit',
  sans_avance_de_frais: 'Sans avance de frais',
  anonyme: 'Anonyme',
  sur_rendez_vous: 'Sur rendez-vous',
  sans_rendez_vous: 'Sans rendez-vous',
  secteur_1: 'Secteur 1 (sans dépassement d’honoraires)',
};

export const OFFER_SERVICES = [
  'soins_non_programmes',
  'vaccination',
  'depistage_ist',
  'contraception',
  'ivg_medicamenteuse',
  'suivi_grossesse',
  'sevrage_tabagique',
  'education_therapeutique',
  'soutien_psychologique',
] as const;
export type OfferService = (typeof OFFER_SERVICES)[number];
export const OFFER_SERVICE_LABELS: Record<OfferService, string> = {
  soins_non_programmes: 'Soins non programmés',
  vaccination: 'Vaccination',
  depistage_ist: 'Dépistage IST et VIH',
  contraception: 'Contraception',
  ivg_medicamenteuse: 'IVG médicamenteuse',
  suivi_grossesse: 'Suivi de grossesse',
  sevrage_tabagique: 'Aide à l’arrêt du tabac',
  education_therapeutique: 'Éducation thérapeutique',
  soutien_psychologique: 'Soutien psychologique',
};

export const isOfferPublic = (value: string): value is OfferPublic =>
  (OFFER_PUBLICS as readonly string[]).includes(value);
export const isOfferAccess = (value: string): value is OfferAccess =>
  (OFFER_ACCESS as readonly string[]).includes(value);
export const isOfferService = (value: string): value is OfferService =>
  (OFFER_SERVICES as readonly string[]).includes(value);

/** Opening hours in OpenStreetMap `opening_hours` syntax, checked by the `opening_hours` library. */
export const OpeningHoursSchema = z
  .string({ error: 'horaires : texte attendu' })
  .trim()
  .min(1, { error: 'horaires : valeur requise (ou retirez-les)' })
  .max(500, { error: 'horaires : 500 caractères au plus' })
  .superRefine((text, context) => {
    // Too long is said by the check above: the library never reads such a text.
    if (text.length > 500) return;
    const problem = openingHoursProblem(text);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

export const OfferPublicsSchema = z
  .array(z.enum(OFFER_PUBLICS, { error: 'public inconnu' }), { error: 'publics : liste attendue' })
  .max(OFFER_PUBLICS.length, atMost(OFFER_PUBLICS.length));
export const OfferAccessSchema = z
  .array(z.enum(OFFER_ACCESS, { error: 'condition d’accès inconnue' }), {
    error: 'conditions d’accès : liste attendue',
  })
  .max(OFFER_ACCESS.length, atMost(OFFER_ACCESS.length));
export const OfferServicesSchema = z
  .array(z.enum(OFFER_SERVICES, { error: 'service inconnu' }), { error: 'services : liste attendue' })
  .max(OFFER_SERVICES.length, atMost(OFFER_SERVICES.length));
export const OfferLanguagesSchema = z
  .array(
    z
      .string({ error: 'langue : texte attendu' })
      .trim()
      .min(1, { error: 'langue : nom vide' })
      .max(40, { error: 'langue : 40 caractères au plus' }),
    { error: 'langues : liste attendue' },
  )
  .max(20, { error: 'langues : 20 au plus' });

/** The practical facts of an offer; every one optional (unknown stays unknown). */
export const OfferPracticalShape = {
  openingHours: OpeningHoursSchema.optional(),
  publics: OfferPublicsSchema.optional(),
  access: OfferAccessSchema.optional(),
  languages: OfferLanguagesSchema.optional(),
  /** Accessible en fauteuil roulant. */
  wheelchair: z.boolean({ error: 'accessibilité en fauteuil : oui ou non' }).optional(),
  teleconsultation: z.boolean({ error: 'téléconsultation : oui ou non' }).optional(),
  services: OfferServicesSchema.optional(),
  /** Prise de rendez-vous en ligne. */
  appointmentUrl: WebLinkSchema.optional(),
};

/** The practical fields a coordinator may clear. */
export const PRACTICAL_OFFER_FIELDS = [
  'openingHours',
  'publics',
  'access',
  'languages',
  'wheelchair',
  'teleconsultation',
  'services',
  'appointmentUrl',
] as const;
