import { type DomainEvent, everyTypeOf } from '../decider.js';
import type { EvaluationSeal, Score } from './commands.js';

export type EvaluationOpened = DomainEvent<
  'EvaluationOpened',
  { evaluationId: string; contractId: string; year: number }
>;
/** Scoring a result again replaces its previous score. */
export type ResultScored = DomainEvent<
  'ResultScored',
  {
    evaluationId: string;
    resultId: string;
    question: string;
    indicator: string;
    score: Score;
    evidence: string;
  }
>;
/** A narrative answer to a question of the referential (`7.1`); answering again replaces it. */
export type EvaluationQuestionAnswered = DomainEvent<
  'EvaluationQuestionAnswered',
  { evaluationId: string; questionKey: string; question?: string; answer: string }
>;
/** `seal`: the report's content hash and the log position it covers, signed (absent from earlier events). */
export type EvaluationPublished = DomainEvent<
  'EvaluationPublished',
  { evaluationId: string; publishedOn: string; seal?: EvaluationSeal }
>;

export type EvaluationEvent =
  | EvaluationOpened
  | ResultScored
  | EvaluationQuestionAnswered
  | EvaluationPublished;

export const EVALUATION_EVENT_TYPES = everyTypeOf<EvaluationEvent>()([
  'EvaluationOpened',
  'ResultScored',
  'EvaluationQuestionAnswered',
  'EvaluationPublished',
]);
