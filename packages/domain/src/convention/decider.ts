import { type Decider, event, refuse } from '../decider.js';
import { effectiveAt, nameKey, sameNameIn, startOfDay } from '../values.js';
import { type ConventionCommand, type ConventionKind, duplicateConventionParty } from './commands.js';
import type { ConventionEvent } from './events.js';

export type ConventionStatus = 'draft' | 'partially_signed' | 'signed' | 'terminated';

export const CONVENTION_STATUS_LABELS: Record<ConventionStatus, string> = {
  draft: 'En cours de rédaction',
  partially_signed: 'Signature en cours',
  signed: 'Signée',
  terminated: 'Résiliée',
};

/** Who signed for a party, and when. */
export interface ConventionSignature {
  /** The party, as named when the convention was drafted. */
  party: string;
  signer?: string;
  signedOn: string;
}

export interface ConventionState {
  exists: boolean;
  contractId?: string;
  title: string;
  kind: ConventionKind;
  parties: string[];
  object: string;
  /** One per party that signed, in the order they signed. */
  signatures: ConventionSignature[];
  amendments: { amendedOn: string; summary: string }[];
  terminated?: { terminatedOn: string; reason: string };
}

const hasSigned = (state: ConventionState, party: string) =>
  state.signatures.some((signature) => nameKey(signature.party) === nameKey(party));

/** Draft until a party signs, signed once every party has, terminated whatever the signatures. */
export function conventionStatus(state: ConventionState): ConventionStatus {
  if (state.terminated) return 'terminated';
  if (state.parties.length > 0 && state.parties.every((party) => hasSigned(state, party))) return 'signed';
  if (state.signatures.length > 0) return 'partially_signed';
  return 'draft';
}

/** The latest of the given dates (YYYY-MM-DD compare as strings), if any. */
const latest = (dates: string[]) =>
  dates.reduce<string | undefined>((max, date) => (max === undefined || date > max ? date : max), undefined);

export const conventionDecider: Decider<ConventionCommand, ConventionEvent, ConventionState> = {
  initialState: () => ({
    exists: false,
    title: '',
    kind: 'convention',
    parties: [],
    object: '',
    signatures: [],
    amendments: [],
  }),

  evolve(state, e) {
    switch (e.type) {
      case 'ConventionDrafted':
        return {
          ...state,
          exists: true,
          contractId: e.data.contractId,
          title: e.data.title,
          kind: e.data.kind,
          parties: e.data.parties,
          object: e.data.object,
        };
      case 'ConventionSigned': {
        const { party, signer, signedOn } = e.data;
        const signature: ConventionSignature =
          signer === undefined ? { party, signedOn } : { party, signer, signedOn };
        return { ...state, signatures: [...state.signatures, signature] };
      }
      case 'ConventionAmended':
        return {
          ...state,
          amendments: [...state.amendments, { amendedOn: e.data.amendedOn, summary: e.data.summary }],
        };
      case 'ConventionTerminated':
        return { ...state, terminated: { terminatedOn: e.data.terminatedOn, reason: e.data.reason } };
    }
  },

  decide(command, state) {
    if (command.type === 'DraftConvention') {
      if (state.exists) return refuse('already_exists', `La convention ${command.conventionId} existe déjà`);
      if (command.parties.length < 2) {
        return refuse('invalid_value', 'Une convention engage au moins deux parties', 'parties');
      }
      const twice = duplicateConventionParty(command.parties);
      if (twice) return refuse('invalid_value', `${twice} figure deux fois parmi les parties`, 'parties');
      const { type: _, ...data } = command;
      return [event('ConventionDrafted', data, effectiveAt(command))];
    }
    if (!state.exists) return refuse('not_found', `Convention ${command.conventionId} introuvable`);
    if (state.terminated) {
      return refuse('invalid_status', 'La convention est résiliée : elle ne peut plus changer');
    }

    switch (command.type) {
      case 'SignConvention': {
        const party = sameNameIn(state.parties, command.party);
        if (party === undefined) {
          return refuse(
            'invalid_value',
            `Seules les parties peuvent signer la convention : ${command.party} n’en fait pas partie`,
            'party',
          );
        }
        if (hasSigned(state, party)) return refuse('already_done', `${party} a déjà signé la convention`);
        const { conventionId, signer, signerId, signedOn } = command;
        const data =
          signer === undefined
            ? { conventionId, party, signedOn }
            : { conventionId, party, signer, ...(signerId === undefined ? {} : { signerId }), signedOn };
        return [event('ConventionSigned', data, startOfDay(signedOn))];
      }
      case 'AmendConvention': {
        if (conventionStatus(state) !== 'signed') {
          return refuse(
            'invalid_status',
            'Seule une convention signée par toutes les parties peut faire l’objet d’un avenant',
          );
        }
        const lastSignature = latest(state.signatures.map((signature) => signature.signedOn));
        if (lastSignature && command.amendedOn < lastSignature) {
          return refuse(
            'invalid_value',
            `Un avenant ne peut précéder la dernière signature (${lastSignature})`,
            'amendedOn',
          );
        }
        const { type: _, ...data } = command;
        return [event('ConventionAmended', data, startOfDay(command.amendedOn))];
      }
      case 'TerminateConvention': {
        if (command.reason.trim() === '') {
          return refuse('invalid_value', 'Le motif de la résiliation est requis', 'reason');
        }
        const lastFact = latest([
          ...state.signatures.map((signature) => signature.signedOn),
          ...state.amendments.map((amendment) => amendment.amendedOn),
        ]);
        if (lastFact && command.terminatedOn < lastFact) {
          return refuse(
            'invalid_value',
            `La résiliation ne peut précéder la dernière signature ou le dernier avenant (${lastFact})`,
            'terminatedOn',
          );
        }
        const { type: _, ...data } = command;
        return [event('ConventionTerminated', data, startOfDay(command.terminatedOn))];
      }
    }
  },
};
