import { type Decider, event, refuse } from '../decider.js';
import { startOfDay } from '../values.js';
import { type OfferCommand, type OfferDetails, type OfferSource, practitionerSubject } from './commands.js';
import type { OfferEvent } from './events.js';
import { openingHoursProblem } from './opening-hours.js';

export interface OfferLink {
  actionId: string;
  contractId: string;
  deliverableId?: string;
}

export interface OfferState {
  exists: boolean;
  source: OfferSource;
  finess?: string;
  /** A practitioner's « Identifiant PP » (the subject of their sealed name follows from it). */
  rpps?: string;
  details?: OfferDetails;
  verifiedOn?: string;
  closedOn?: string;
  coverage: string[];
  links: OfferLink[];
}

/** What deciding needs from other streams: the action an offer is linked to. */
export interface OfferContext {
  /** The action named by LinkOfferToAction, if it exists. */
  action?: { contractId: string };
}

/**
 * JSON with object keys sorted and undefined members left out: equal values, equal text. Keys are
 * sorted by code unit, not by locale (only equality is asked: an import compares every offer).
 */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, member: unknown) =>
    member && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : member,
  );

/** The fields of `changes` whose value differs from `details` (compared as canonical JSON). */
export function changedOfferDetails(
  details: OfferDetails,
  changes: Partial<OfferDetails>,
): Partial<OfferDetails> {
  const changed: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const current = (details as Record<string, unknown>)[field];
    if (canonical(current) !== canonical(value)) changed[field] = value;
  }
  return changed as Partial<OfferDetails>;
}

/** Hours the `opening_hours` library cannot read are refused (the schema says so too; this holds for any caller). */
const hoursProblem = (details: Partial<OfferDetails>) =>
  details.openingHours === undefined ? undefined : openingHoursProblem(details.openingHours);

export const offerDecider: Decider<OfferCommand, OfferEvent, OfferState, OfferContext | undefined> = {
  initialState: () => ({ exists: false, source: 'manual', coverage: [], links: [] }),

  evolve(state, e) {
    switch (e.type) {
      case 'OfferRegistered': {
        const { offerId: _, source, finess, rpps, practitioner: __, verifiedOn, ...details } = e.data;
        return {
          ...state,
          exists: true,
          source,
          ...(finess ? { finess } : {}),
          ...(rpps ? { rpps } : {}),
          details,
          verifiedOn,
        };
      }
      case 'OfferUpdated': {
        const details: Record<string, unknown> = { ...state.details, ...e.data.changes };
        for (const field of e.data.removed ?? []) delete details[field];
        return { ...state, details: details as unknown as OfferDetails, verifiedOn: e.data.verifiedOn };
      }
      case 'OfferClosed':
        return { ...state, closedOn: e.data.closedOn };
      case 'OfferVerified':
        return { ...state, verifiedOn: e.data.verifiedOn };
      case 'CoverageDeclared':
        return { ...state, coverage: e.data.communes };
      case 'OfferLinkedToAction': {
        const { offerId: _, ...link } = e.data;
        return { ...state, links: [...state.links, link] };
      }
    }
  },

  decide(command, state, context) {
    if (command.type === 'RegisterOffer') {
      if (state.exists) return refuse('already_exists', `L’offre ${command.offerId} existe déjà`);
      if (command.source === 'finess' && !command.finess) {
        return refuse('invalid_value', 'Une offre issue de FINESS porte son numéro FINESS', 'finess');
      }
      if (command.source === 'rpps' && !command.rpps) {
        return refuse(
          'invalid_value',
          'Une offre issue du RPPS porte l’identifiant RPPS du praticien',
          'rpps',
        );
      }
      if (command.source === 'rpps' && !command.practice) {
        return refuse('invalid_value', 'Une offre issue du RPPS dit la profession exercée', 'practice');
      }
      if (command.practitioner && !command.rpps) {
        return refuse('invalid_value', 'Un praticien est nommé avec son identifiant RPPS', 'rpps');
      }
      const problem = hoursProblem(command);
      if (problem) return refuse('invalid_value', problem, 'openingHours');
      const { type: _, practitioner, ...data } = command;
      return [
        event(
          'OfferRegistered',
          {
            ...data,
            // One subject per practitioner, whichever site: one key seals their name everywhere.
            ...(practitioner && command.rpps
              ? { practitioner: { name: practitioner.name, personId: practitionerSubject(command.rpps) } }
              : {}),
          },
          startOfDay(command.verifiedOn),
        ),
      ];
    }
    if (!state.exists) return refuse('not_found', `Offre ${command.offerId} introuvable`);
    if (state.closedOn) {
      return refuse(
        'invalid_status',
        `L’offre est fermée depuis le ${state.closedOn} : elle ne peut plus changer`,
      );
    }
    const details = state.details as OfferDetails;

    switch (command.type) {
      case 'UpdateOffer': {
        const problem = hoursProblem(command.changes);
        if (problem) return refuse('invalid_value', problem, 'openingHours');
        const changes = changedOfferDetails(details, command.changes);
        const removed = (command.remove ?? []).filter(
          (field) => details[field] !== undefined && !(field in changes),
        );
        if (command.practitioner && !state.rpps) {
          return refuse(
            'invalid_value',
            'Seule une offre d’un praticien (RPPS) nomme un praticien',
            'practitioner',
          );
        }
        // The name held is sealed: whoever sends one has compared it with the opened name.
        const practitioner =
          command.practitioner && state.rpps
            ? { name: command.practitioner.name, personId: practitionerSubject(state.rpps) }
            : undefined;
        if (Object.keys(changes).length === 0 && removed.length === 0 && !practitioner) {
          return refuse('already_done', 'Aucune modification : l’offre est déjà ainsi', 'changes');
        }
        const kind = changes.kind ?? details.kind;
        if (state.coverage.length > 0 && kind !== 'cpts') {
          return refuse('invalid_value', 'Une offre qui couvre des communes reste une CPTS', 'kind');
        }
        return [
          event(
            'OfferUpdated',
            {
              offerId: command.offerId,
              changes,
              ...(removed.length > 0 ? { removed: [...new Set(removed)] } : {}),
              ...(practitioner ? { practitioner } : {}),
              verifiedOn: command.verifiedOn,
            },
            startOfDay(command.verifiedOn),
          ),
        ];
      }
      case 'CloseOffer': {
        const { type: _, ...data } = command;
        return [event('OfferClosed', data, startOfDay(command.closedOn))];
      }
      case 'VerifyOffer': {
        if (state.verifiedOn && command.verifiedOn <= state.verifiedOn) {
          return refuse('already_done', `L’offre a déjà été vérifiée le ${state.verifiedOn}`, 'verifiedOn');
        }
        const { type: _, ...data } = command;
        return [event('OfferVerified', data, startOfDay(command.verifiedOn))];
      }
      case 'DeclareCoverage': {
        if (details.kind !== 'cpts') {
          return refuse('invalid_value', 'Seule une CPTS déclare les communes qu’elle couvre', 'communes');
        }
        const communes = [...new Set(command.communes)].sort();
        if (JSON.stringify(communes) === JSON.stringify(state.coverage)) {
          return refuse('already_done', 'Ces communes sont déjà celles de la CPTS', 'communes');
        }
        return [
          event(
            'CoverageDeclared',
            { offerId: command.offerId, communes, declaredOn: command.declaredOn },
            startOfDay(command.declaredOn),
          ),
        ];
      }
      case 'LinkOfferToAction': {
        if (!context?.action) {
          return refuse('invalid_value', `Action ${command.actionId} introuvable`, 'actionId');
        }
        if (context.action.contractId !== command.contractId) {
          return refuse(
            'invalid_value',
            `L’action ${command.actionId} n’appartient pas au contrat ${command.contractId}`,
            'actionId',
          );
        }
        if (state.links.some((link) => link.actionId === command.actionId)) {
          return refuse('already_done', 'L’offre est déjà rattachée à cette action', 'actionId');
        }
        const { type: _, ...data } = command;
        return [event('OfferLinkedToAction', data)];
      }
    }
  },
};

/** Whether an offer's last verification is older than `maxAgeDays` on `today` (YYYY-MM-DD). */
export function isOfferStale(verifiedOn: string | undefined, today: string, maxAgeDays: number): boolean {
  if (!verifiedOn) return true;
  const age = (Date.parse(today) - Date.parse(verifiedOn)) / 86_400_000;
  return age > maxAgeDays;
}
