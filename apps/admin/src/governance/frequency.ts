import type { BodyFrequency } from '@cls/domain';
import { frenchDate, frenchNumber } from '@cls/french';

/** A body's expected frequency in French; unknown is said, never shown as 0. */
export function frequencyLabel(meetingsPerYear: number | null | undefined): string {
  if (meetingsPerYear == null) return 'non renseignée';
  if (meetingsPerYear === 0) return 'aucune réunion prévue';
  if (meetingsPerYear < 1) return `une réunion tous les ${frenchNumber(1 / meetingsPerYear)} ans`;
  return `${frenchNumber(meetingsPerYear)} réunion${meetingsPerYear >= 2 ? 's' : ''} par an`;
}

/** What the dashboard says of a body's meetings against its frequency. */
export function bodyFrequencyLabel(frequency: BodyFrequency): string {
  switch (frequency.kind) {
    case 'unknown_frequency':
      return 'fréquence non renseignée';
    case 'not_expected':
      return 'aucune réunion prévue';
    case 'not_running':
      return 'contrat pas en cours d’exécution';
    case 'too_early':
      return 'pas encore attendue';
    case 'met':
      return `réunie le ${frenchDate(frequency.lastHeldOn)}`;
    case 'overdue':
      return frequency.lastHeldOn
        ? `dernière réunion le ${frenchDate(frequency.lastHeldOn)} : plus de ${frequency.intervalDays} jours sans réunion`
        : `aucune réunion tenue (une attendue au moins tous les ${frequency.intervalDays} jours)`;
  }
}
