import type { ContractStatus } from '../contract/decider.js';
import { type Decider, event, refuse } from '../decider.js';
import { type Period, startOfDay } from '../values.js';
import { type EvaluationCommand, type EvaluationSeal, evaluationIdOf, type Score } from './commands.js';
import type { EvaluationEvent } from './events.js';

export type EvaluationStatus = 'open' | 'published';

export const EVALUATION_STATUS_LABELS: Record<EvaluationStatus, string> = {
  open: 'En cours',
  published: 'Publiée',
};

/** Annex 4 of the Cœur d'Hérault contract: how far a result answers its evaluative question. */
export const SCORE_SCALE: Record<Score, { symbol: Score; meaning: string; ordinal: 0 | 1 | 2 | 3 }> = {
  '--': { symbol: '--', meaning: 'Ne répond pas du tout', ordinal: 0 },
  '-': { symbol: '-', meaning: 'Ne répond pas suffisamment', ordinal: 1 },
  '+': { symbol: '+', meaning: 'Répond de façon satisfaisante', ordinal: 2 },
  '++': { symbol: '++', meaning: 'Répond totalement', ordinal: 3 },
};

/** What the command side loads from other streams before deciding. */
export interface EvaluationContext {
  /** The contract evaluated, folded from its stream; undefined when it does not exist. */
  contract?: { status: ContractStatus; period: Period };
}

export interface ScoredResult {
  question: string;
  indicator: string;
  score: Score;
  evidence: string;
}

export interface EvaluationState {
  exists: boolean;
  status: EvaluationStatus;
  contractId: string;
  year: number;
  /** By result id: the latest score of each line of the referential. */
  results: Record<string, ScoredResult>;
  /** By question key (`7.1`): the latest answer to each question of the referential. */
  answers: Record<string, string>;
  publishedOn?: string;
  /** The publication's seal, when the host computed one. */
  seal?: EvaluationSeal;
}

const immutable = () =>
  refuse('invalid_status', 'L’évaluation est publiée : elle est immuable et ne peut plus changer');

export const evaluationDecider: Decider<
  EvaluationCommand,
  EvaluationEvent,
  EvaluationState,
  EvaluationContext
> = {
  initialState: () => ({ exists: false, status: 'open', contractId: '', year: 0, results: {}, answers: {} }),

  evolve(state, e) {
    switch (e.type) {
      case 'EvaluationOpened':
        return { ...state, exists: true, status: 'open', contractId: e.data.contractId, year: e.data.year };
      case 'ResultScored': {
        const { question, indicator, score, evidence } = e.data;
        return {
          ...state,
          results: { ...state.results, [e.data.resultId]: { question, indicator, score, evidence } },
        };
      }
      case 'EvaluationQuestionAnswered':
        return { ...state, answers: { ...state.answers, [e.data.questionKey]: e.data.answer } };
      case 'EvaluationPublished':
        return {
          ...state,
          status: 'published',
          publishedOn: e.data.publishedOn,
          ...(e.data.seal ? { seal: e.data.seal } : {}),
        };
    }
  },

  decide(command, state, context) {
    if (command.type === 'OpenEvaluation') {
      const evaluationId = evaluationIdOf(command.contractId, command.year);
      if (state.status === 'published') return immutable();
      if (state.exists) return refuse('already_exists', `L’évaluation ${evaluationId} existe déjà`);
      const contract = context.contract;
      if (!contract) return refuse('not_found', `Contrat ${command.contractId} introuvable`, 'contractId');
      const { start, end } = contract.period;
      if (command.year < start || command.year > end) {
        return refuse(
          'invalid_value',
          `L’année ${command.year} est hors de la période du contrat (${start}-${end})`,
          'year',
        );
      }
      return [
        event('EvaluationOpened', { evaluationId, contractId: command.contractId, year: command.year }),
      ];
    }

    if (!state.exists) return refuse('not_found', `Évaluation ${command.evaluationId} introuvable`);

    switch (command.type) {
      case 'ScoreResult': {
        if (state.status === 'published') return immutable();
        const { type: _, ...data } = command;
        return [event('ResultScored', data)];
      }
      case 'AnswerEvaluationQuestion': {
        if (state.status === 'published') return immutable();
        const { type: _, question, ...answered } = command;
        return [event('EvaluationQuestionAnswered', question ? { ...answered, question } : answered)];
      }
      case 'PublishEvaluation': {
        if (state.status === 'published') return refuse('already_done', 'L’évaluation est déjà publiée');
        if (Object.keys(state.results).length === 0) {
          return refuse('invalid_value', 'Aucun résultat n’est noté : rien à publier');
        }
        if (Number(command.publishedOn.slice(0, 4)) < state.year) {
          return refuse(
            'invalid_value',
            `L’évaluation de l’année ${state.year} ne peut être publiée avant cette année`,
            'publishedOn',
          );
        }
        const { type: _, ...data } = command;
        return [event('EvaluationPublished', data, startOfDay(command.publishedOn))];
      }
    }
  },
};
