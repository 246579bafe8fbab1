import { businessDay, OFFER_KIND_LABELS, type OfferKind } from '@cls/domain';

export { ACTION_STATUS_LABELS, CONTRACT_STATUS_LABELS, PROGRESS_LABELS, ROLE_LABELS } from '@cls/domain';

/** Today in France (Europe/Paris), `YYYY-MM-DD`: the day the command side checks dates against. */
export const today = () => businessDay();

// Dates are calendar days at midnight UTC: read in UTC, they stay the same day west of Greenwich.
const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** `2024-03-15` → `15 mars 2024`; a month-precise date keeps only its month. */
export function frenchDate(date: string | null | undefined, precision?: string | null): string {
  if (!date) return '—';
  const value = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (precision === 'month')
    return new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      value,
    );
  if (precision === 'year') return date.slice(0, 4);
  return dateFormat.format(value);
}

export const percent = (ratio: number) => `${Math.round(ratio * 100)} %`;

/** A readable key from a label (`Équipe de Lodève` → `equipe-de-lodeve`), for identifiers. */
export const slugOf = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

/** An offer kind's French name: short for lists and badges, long spelled out. */
export const kindLabel = (kind: string, form: 'short' | 'long' = 'short') =>
  OFFER_KIND_LABELS[kind as OfferKind]?.[form] ?? kind;

/** `0467000000` → `04 67 00 00 00`, as French numbers are read. */
export const formatPhone = (phone: string) =>
  /^\d{10}$/.test(phone) ? phone.replace(/(\d{2})(?=\d)/g, '$1 ') : phone;
