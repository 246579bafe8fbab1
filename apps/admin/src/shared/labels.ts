import { businessDay, OFFER_KIND_LABELS, type OfferKind } from '@cls/domain';
import { foldText } from '@cls/french';

export { ACTION_STATUS_LABELS, CONTRACT_STATUS_LABELS, PROGRESS_LABELS, ROLE_LABELS } from '@cls/domain';

/** Today in France (Europe/Paris), `YYYY-MM-DD`: the day the command side checks dates against. */
export const today = () => businessDay();

/** This year in France: the default of a year to measure or evaluate. */
export const thisYear = () => Number(today().slice(0, 4));

export const percent = (ratio: number) => `${Math.round(ratio * 100)} %`;

/** A readable key from a label (`Équipe de Lodève` → `equipe-de-lodeve`), for identifiers. */
export const slugOf = (text: string) => foldText(text, '-').slice(0, 80).replace(/-$/, '');

/** An offer kind's French name: short for lists and badges, long spelled out. */
export const kindLabel = (kind: string, form: 'short' | 'long' = 'short') =>
  OFFER_KIND_LABELS[kind as OfferKind]?.[form] ?? kind;
