import { type DomainEvent, everyTypeOf } from '../decider.js';
import type { Score } from './commands.js';

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
export type EvaluationPublished = DomainEvent<
  'EvaluationPublished',
  { evaluationId: string; publishedOn: string }
>;

export type EvaluationEvent = EvaluationOpened | ResultScored | EvaluationPublished;

export const EVALUATION_EVENT_TYPES = everyTypeOf<EvaluationEvent>()([
  'EvaluationOpened',
  'ResultScored',
  'EvaluationPublished',
]);
