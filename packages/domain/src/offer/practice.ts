import type { OfferPractice } from './commands.js';
import { PRACTICE_MODE_LABELS } from './commands.js';
import { OFFER_KIND_LABELS, type OfferKind } from './kinds.js';

/**
 * A practitioner's practice as both apps say it: the profession as the kinds name it, then
 * the mode — « Sage-femme, exercice libéral », « Médecin généraliste, exercice libéral ».
 */
export function practiceDescription(kind: OfferKind, practice: Pick<OfferPractice, 'mode'>): string {
  return `${OFFER_KIND_LABELS[kind].long}, ${PRACTICE_MODE_LABELS[practice.mode]}`;
}
