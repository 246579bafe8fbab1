export { ACTION_STATUS_LABELS, CONTRACT_STATUS_LABELS, PROGRESS_LABELS, ROLE_LABELS } from '@cls/domain';

export const today = () => new Date().toISOString().slice(0, 10);

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long' });

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
