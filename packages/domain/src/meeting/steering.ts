import type { ContractStatus } from '../contract/decider.js';
import type { DecisionStatus } from './commands.js';

/**
 * Governance that steers: what the dashboard flags. The read side and the
 * admin's dashboard both ask these functions, so a decision is « en retard »
 * and a body « ne s'est pas réunie » by one rule.
 */

/** A decision is overdue once its due date has passed while it is neither done nor abandoned. */
export const isDecisionOverdue = (
  decision: { dueOn?: string | null; status: DecisionStatus },
  today: string,
): boolean =>
  decision.dueOn != null &&
  decision.dueOn < today &&
  decision.status !== 'done' &&
  decision.status !== 'abandoned';

/** How a body kept to its expected frequency. */
export type BodyFrequency =
  /** The contract states no frequency for it: nothing can be expected (« fréquence non renseignée »). */
  | { kind: 'unknown_frequency' }
  /** The body is not expected to meet (0 a year). */
  | { kind: 'not_expected' }
  /** The contract is not running today (not signed yet, closed, or outside its period). */
  | { kind: 'not_running' }
  /** The contract has been running for less than one interval between meetings. */
  | { kind: 'too_early'; intervalDays: number }
  /** A meeting held within the last interval. */
  | { kind: 'met'; intervalDays: number; lastHeldOn: string }
  /** No meeting held within the last interval of the running period. */
  | { kind: 'overdue'; intervalDays: number; lastHeldOn: string | null; since: string };

const DAY = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** Days between two meetings of a body expected `meetingsPerYear` times a year (2 → 183, about six months). */
export const meetingIntervalDays = (meetingsPerYear: number) =>
  Math.max(1, Math.round(365 / meetingsPerYear));

/**
 * Whether a body met at its expected frequency: while the contract runs (signed,
 * from its signature or the first day of its period, whichever is later, to
 * the last day of its period), a body expected n times a year must have held a
 * meeting within the last 365/n days. Before one interval has passed since the
 * contract started running, nothing is expected yet.
 */
export function bodyFrequency({
  meetingsPerYear,
  heldOn,
  contract,
  today,
}: {
  meetingsPerYear: number | null | undefined;
  /** The days its meetings were held. */
  heldOn: readonly string[];
  contract: { status: ContractStatus; period: { start: number; end: number }; signedOn?: string | null };
  today: string;
}): BodyFrequency {
  if (meetingsPerYear == null) return { kind: 'unknown_frequency' };
  if (meetingsPerYear <= 0) return { kind: 'not_expected' };
  const firstDay = `${contract.period.start}-01-01`;
  const lastDay = `${contract.period.end}-12-31`;
  const runningFrom = contract.signedOn && contract.signedOn > firstDay ? contract.signedOn : firstDay;
  if (contract.status !== 'signed' || today < runningFrom || today > lastDay) return { kind: 'not_running' };
  const intervalDays = meetingIntervalDays(meetingsPerYear);
  const since = addDays(today, -intervalDays);
  const held = heldOn.filter((day) => day <= today).sort();
  const lastHeldOn = held.at(-1) ?? null;
  if (lastHeldOn !== null && lastHeldOn >= since) return { kind: 'met', intervalDays, lastHeldOn };
  if (since < runningFrom) return { kind: 'too_early', intervalDays };
  return { kind: 'overdue', intervalDays, lastHeldOn, since };
}

/**
 * Whether a governance body is the contract's steering committee (COPIL): its name says
 * « COPIL » or « comité de pilotage », as the contracts write it (« Comité de pilotage
 * (COPIL) », « COPIL élargi »). The ARS's portfolio shows its last and next meetings.
 */
export const isSteeringCommittee = (body: string): boolean => {
  const key = body
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
  return /\bcopil\b/.test(key) || key.includes('comite de pilotage');
};
