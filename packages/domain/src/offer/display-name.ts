import { foldText } from '@cls/french';

// FINESS writes names in capitals without accents (`CMP CATTP ADULTE CLERMONT L'HERAULT`):
// residents read them as shouting and cannot tell the town. The events keep the raw name;
// every screen shows it through `offerDisplayName`.

/** Acronyms of the health and social sector, kept in capitals (words without a vowel are kept too). */
const ACRONYMS = new Set([
  'ADMR',
  'AHS',
  'ANAA',
  'ANADA',
  'APAJH',
  'ARS',
  'ASEA',
  'ASM',
  'BAPU',
  'CAARUD',
  'CAMSP',
  'CATTP',
  'CCAS',
  'CDAG',
  'CEGIDD',
  'CHI',
  'CHIHC',
  'CHU',
  'CIDFF',
  'CLAT',
  'CMPA',
  'CMPEA',
  'CMPP',
  'CPAM',
  'CPEF',
  'CSAPA',
  'EHPAD',
  'EICCF',
  'EPSM',
  'ESAT',
  'HAD',
  'IME',
  'MGEN',
  'NFC',
  'PIJ',
  'PMI',
  'SAMU',
  'SSIAD',
  'SSR',
  'UCSA',
  'UDAF',
  'USLD',
]);

/** Words FINESS writes without their accents, as French writes them (lower case). */
const ACCENTED: Readonly<Record<string, string>> = {
  acces: 'accès',
  agees: 'âgées',
  beziers: 'béziers',
  bedarieux: 'bédarieux',
  communaute: 'communauté',
  departemental: 'départemental',
  departementale: 'départementale',
  depistage: 'dépistage',
  education: 'éducation',
  etablissement: 'établissement',
  generale: 'générale',
  gerontologie: 'gérontologie',
  herault: 'hérault',
  hopital: 'hôpital',
  juvenile: 'juvénile',
  lodeve: 'lodève',
  medical: 'médical',
  medicale: 'médicale',
  medico: 'médico',
  mutualite: 'mutualité',
  pediatrie: 'pédiatrie',
  pedopsychiatrie: 'pédopsychiatrie',
  perigueux: 'périgueux',
  pezenas: 'pézenas',
  prevention: 'prévention',
  repere: 'repère',
  riberac: 'ribérac',
  sante: 'santé',
  sete: 'sète',
  specialise: 'spécialisé',
  specialisee: 'spécialisée',
  therapeutique: 'thérapeutique',
  therese: 'thérèse',
};

/** Small words written in lower case inside a name. */
const SMALL_WORDS = new Set([
  'a',
  'au',
  'aux',
  'd',
  'de',
  'des',
  'du',
  'en',
  'et',
  'l',
  'la',
  'le',
  'les',
  'sur',
  'sous',
]);

/** FINESS abbreviations of a commune's words, spelt out to compare with the commune's name. */
const ABBREVIATED: Readonly<Record<string, string>> = { st: 'saint', ste: 'sainte' };

/** Abbreviations FINESS uses in names, spelt out. */
const SPELT_OUT: Readonly<Record<string, string>> = { st: 'Saint', ste: 'Sainte' };

const hasLowerCase = (text: string) => text !== text.toUpperCase();

/** One word (no space, no hyphen, no apostrophe) as written in a name. */
function writeWord(word: string, first: boolean): string {
  if (word === '') return word;
  const upper = word.toUpperCase();
  const folded = foldText(word);
  // FINESS drops accents: its lone `A` is the preposition « à » (`FER A CHEVAL`).
  if (!first && SMALL_WORDS.has(folded)) return folded === 'a' ? 'à' : folded;
  const spelt = SPELT_OUT[folded];
  if (spelt) return spelt;
  // Acronyms: known ones, dotted ones (`C.M.P.`) and words without a vowel (`CMP`, `CH`, `MSP`, `HJ`).
  if (ACRONYMS.has(upper) || word.includes('.') || !/[AEIOUY]/.test(upper)) return upper;
  if (/^\d/.test(word)) return word;
  const lower = ACCENTED[folded] ?? word.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** A space-separated word, whose parts are joined by hyphens or apostrophes (`L'HERAULT`, `PONT-DE-ROIDE`). */
function writeToken(token: string, first: boolean): string {
  return (
    token
      .split(/([-'’])/)
      // `D'EXCIDEUIL` → `d'Excideuil`: what follows an elided article is a name of its own.
      .map((part, index) =>
        part === '-' || part === "'" || part === '’' ? part : writeWord(part, first && index === 0),
      )
      .join('')
  );
}

/** The folded words of a token, FINESS's abbreviations spelt out (`ST` → `saint`). */
const keyWords = (token: string): string[] =>
  foldText(token)
    .split(' ')
    .filter(Boolean)
    .map((word) => ABBREVIATED[word] ?? word);

/**
 * The tokens of `tokens`, with the commune's name written as the COG writes it wherever
 * the name spells it (`CLERMONT L'HERAULT` → `Clermont-l'Hérault`, `ST PONS` → `Saint-Pons`).
 */
function withCommune(tokens: string[], commune: string): Array<{ text: string; official: boolean }> {
  const target = keyWords(commune).join(' ');
  const out: Array<{ text: string; official: boolean }> = [];
  for (let i = 0; i < tokens.length; i++) {
    let matched = 0;
    const words: string[] = [];
    for (let j = i; j < tokens.length && words.length < 20; j++) {
      words.push(...keyWords(tokens[j] ?? ''));
      const joined = words.join(' ');
      if (joined === target) {
        matched = j - i + 1;
        break;
      }
      if (!target.startsWith(`${joined} `)) break;
    }
    if (target !== '' && matched > 0) {
      out.push({ text: commune, official: true });
      i += matched - 1;
    } else {
      out.push({ text: tokens[i] ?? '', official: false });
    }
  }
  return out;
}

/**
 * An offer's name as people write it: `CMP CATTP ADULTE CLERMONT L'HERAULT` → `CMP CATTP
 * Adulte Clermont-l'Hérault` (acronyms kept, each other word capitalised but the small
 * ones, accents put back on the common words). A name already written in lower and upper case is left
 * alone. `commune`, the official name of the offer's commune, is written as is where the
 * name spells it.
 */
export function offerDisplayName(name: string, commune?: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (hasLowerCase(trimmed)) return trimmed;
  const tokens = trimmed.split(' ');
  const parts = commune ? withCommune(tokens, commune) : tokens.map((text) => ({ text, official: false }));
  return parts
    .map((part, index) => (part.official ? part.text : writeToken(part.text, index === 0)))
    .join(' ');
}
