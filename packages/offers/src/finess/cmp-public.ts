import { foldText } from '@cls/french';
import type { FinessEstablishment } from './establishment.js';

// Adult CMPs and child and adolescent CMPs (CMPEA, « infanto-juvénile ») share one FINESS
// category (156): only the name tells them apart. Where it does not say, or says both, the
// establishment is AMBIGUOUS: the import report lists it and nobody guesses.

/** Whom a mental-health establishment receives, from its FINESS name and category. */
export type CmpPublic = 'enfants_adolescents' | 'adultes' | 'ambigu';

export interface CmpPublicClass {
  public: CmpPublic;
  /** Why, in French, for the import report (`nom : « ENFANTS »`). */
  reason: string;
}

/** A CMPP (category 189) is by definition for children and adolescents (up to 20). */
const CHILD_CATEGORIES: Readonly<Record<string, string>> = { '189': 'CMPP' };

/** Single words of a name that say children or adolescents. */
const CHILD_WORDS = new Set([
  'CMPEA',
  'PIJ',
  'ENFANT',
  'ENFANTS',
  'ENF',
  'ADO',
  'ADOS',
  'ADOLESCENT',
  'ADOLESCENTS',
  'PEDOPSYCHIATRIE',
  'INFANTILE',
  'JUVENILE',
]);
/** Runs of words that say children or adolescents. */
const CHILD_PHRASES = ['INFANTO JUVENILE', 'INF JUV', 'GUIDANCE INFANTILE'];
/** Words that say adults. */
const ADULT_WORDS = new Set(['ADULTE', 'ADULTES']);

const wordsOf = (name: string): string[] => foldText(name).toUpperCase().split(' ').filter(Boolean);

/**
 * Children and adolescents, adults, or ambiguous: `CMP ENFANTS RIBERAC` → children,
 * `CMP ADULTES AGDE` → adults, `CMP 11 SITE PERREAL BEZIERS` (no word) and
 * `CMP CATTP ADULTES GUIDANCE INFANTILE` (both) → ambiguous. `CMPA` is not read: adults
 * or adolescents, the name does not say.
 */
export function cmpPublicOf(
  establishment: Pick<FinessEstablishment, 'categoryCode' | 'name'>,
): CmpPublicClass {
  const byCategory = CHILD_CATEGORIES[establishment.categoryCode];
  if (byCategory) return { public: 'enfants_adolescents', reason: `catégorie ${byCategory}` };
  const words = wordsOf(establishment.name);
  const text = ` ${words.join(' ')} `;
  const childSigns = [
    ...words.filter((word) => CHILD_WORDS.has(word)),
    ...CHILD_PHRASES.filter((phrase) => text.includes(` ${phrase} `)),
  ];
  const adultSigns = words.filter((word) => ADULT_WORDS.has(word));
  const quoted = (signs: string[]) => [...new Set(signs)].map((sign) => `« ${sign} »`).join(', ');
  if (childSigns.length > 0 && adultSigns.length > 0) {
    return {
      public: 'ambigu',
      reason: `le nom cite enfants et adultes (${quoted([...childSigns, ...adultSigns])})`,
    };
  }
  if (childSigns.length > 0) return { public: 'enfants_adolescents', reason: `nom : ${quoted(childSigns)}` };
  if (adultSigns.length > 0) return { public: 'adultes', reason: `nom : ${quoted(adultSigns)}` };
  return { public: 'ambigu', reason: 'le nom ne dit pas le public' };
}

/** The CMPs of an import by public, the ambiguous ones listed with their line for the report. */
export interface CmpPublicSummary {
  enfants_adolescents: number;
  adultes: number;
  ambiguous: Array<{ line: number; finess: string; name: string; reason: string }>;
}

/** Classes the given CMPs (the caller picks them by kind) for the import report. */
export function summarizeCmpPublics(
  cmps: ReadonlyArray<Pick<FinessEstablishment, 'line' | 'finess' | 'categoryCode' | 'name'>>,
): CmpPublicSummary {
  const summary: CmpPublicSummary = { enfants_adolescents: 0, adultes: 0, ambiguous: [] };
  for (const cmp of cmps) {
    const found = cmpPublicOf(cmp);
    if (found.public === 'ambigu') {
      summary.ambiguous.push({ line: cmp.line, finess: cmp.finess, name: cmp.name, reason: found.reason });
    } else {
      summary[found.public] += 1;
    }
  }
  return summary;
}
