import type { OfferKind } from '@cls/domain';
import { foldText } from '@cls/french';
import type { FinessEstablishment } from './establishment.js';

// The `kind` rules of ../shared/data/README.md ("finess/health-offers.geojson"), which
// built the reference set: categories first, then, for establishments registered under a
// hospital category, the name says which service of the hospital the site is.

/** Categories whose every establishment is an offer of one kind. */
const KIND_OF_CATEGORY: Readonly<Record<string, OfferKind>> = {
  '603': 'msp',
  '124': 'centre_sante',
  '604': 'cpts',
  '156': 'cmp',
  '425': 'cattp',
  '189': 'cmpp',
  '197': 'csapa',
  '178': 'caarud',
  '223': 'pmi',
  '230': 'pmi',
  '190': 'camsp',
  '228': 'planification',
  '231': 'planification',
};

/** Hospital categories, and the kind of their sites whose name says nothing more. */
const HOSPITAL_CATEGORIES: Readonly<Record<string, OfferKind>> = {
  '101': 'hopital', // CHR/CHU
  '355': 'hopital', // CH
  '106': 'hopital', // CH, ex-hôpital local
  '292': 'psychiatrie', // CHS
  '161': 'psychiatrie', // Maison de santé pour maladies mentales
};

/** Private MCO clinics. */
const CLINIC_CATEGORIES = new Set(['365', '128', '129']);

/**
 * Sites of hospitals and clinics that are not places a resident goes to: SAMU/SMUR antennas,
 * hospital pharmacies, prison units (UCSA, also spelt out), imaging joint ventures,
 * anti-tuberculosis services (CLAT) and hospitalisation at home (HAD).
 */
const EXCLUDED_WORDS = new Set(['SAMU', 'SMUR', 'PHARMACIE', 'UCSA', 'IMAGERIE', 'CLAT', 'HAD']);
const EXCLUDED_PHRASES = ['UNITE CONSULTATIONS SOINS AMBULATOIRES', 'ANTI TUBERCULEUSE', 'ANTITUBERCULEUX'];

/**
 * The words of a name, upper case and without accents: `CMPEA HJ ANNE-FRANCK` → CMPEA, HJ, ANNE, FRANCK.
 * Words are compared whole so that `CMP` does not match `CMPP` and `HAD` nothing else.
 */
function wordsOf(name: string): string[] {
  return foldText(name).toUpperCase().split(' ').filter(Boolean);
}

/** The kind a hospital-category site's name points to, if any (rules in the README's order of precedence). */
function kindOfHospitalName(words: string[]): OfferKind | undefined {
  const text = ` ${words.join(' ')} `;
  const has = (word: string) => words.includes(word);
  // Also a CMP whose name spells it out.
  if (
    has('CMP') ||
    has('CMPEA') ||
    has('CMPA') ||
    text.includes(' GUIDANCE INFANTILE ') ||
    text.includes(' MEDICO PSYCHOLOGIQUE ')
  ) {
    return 'cmp';
  }
  if (has('CATTP')) return 'cattp';
  if (words.some((word) => word.startsWith('PLANIF')) || has('PLANNING')) return 'planification';
  if (has('CEGIDD') || has('CDAG') || has('DEPISTAGE')) return 'depistage';
  // PSY, PSYCHIATRIE, PSYCHOTHERAPIE…; PIJ: psychiatrie infanto-juvénile; a children's day
  // hospital under a hospital category is child psychiatry.
  if (
    words.some((word) => word.startsWith('PSY') || word === 'PIJ' || word === 'PEDOPSYCHIATRIE') ||
    text.includes(' INFANTO JUVENILE ') ||
    text.includes(' HOPITAL DE JOUR ENFANTS ')
  ) {
    return 'psychiatrie';
  }
  return undefined;
}

function isExcludedSite(words: string[]): boolean {
  if (words.some((word) => EXCLUDED_WORDS.has(word))) return true;
  const text = ` ${words.join(' ')} `;
  return EXCLUDED_PHRASES.some((phrase) => text.includes(` ${phrase} `));
}

/**
 * The kind of offer an establishment is, or undefined when it is not one a resident looks
 * for (pharmacies, nursing homes, social services…, and the excluded hospital sites).
 */
export function kindOfEstablishment(
  establishment: Pick<FinessEstablishment, 'categoryCode' | 'name'>,
): OfferKind | undefined {
  const { categoryCode } = establishment;
  const byCategory = KIND_OF_CATEGORY[categoryCode];
  if (byCategory) return byCategory;

  const hospitalKind = HOSPITAL_CATEGORIES[categoryCode];
  const isClinic = CLINIC_CATEGORIES.has(categoryCode);
  if (!hospitalKind && !isClinic) return undefined;

  const words = wordsOf(establishment.name);
  if (isExcludedSite(words)) return undefined;
  if (isClinic) return 'clinique';
  return kindOfHospitalName(words) ?? hospitalKind;
}
