import { z } from 'zod';
import { DateSchema, IdSchema, TextSchema, YearSchema } from '../values.js';

/** The scale of annex 4 of the Cœur d'Hérault contract, from worst to best. */
export const SCORES = ['--', '-', '+', '++'] as const;
export const ScoreSchema = z.enum(SCORES, { error: 'note attendue : --, -, + ou ++' });
export type Score = z.infer<typeof ScoreSchema>;

/**
 * An evaluation's id: its contract's and its year's, derived by the command side
 * and never chosen by a client, so that nobody can open a contract's evaluation
 * of a year first under another contract and block the real one.
 */
export const evaluationIdOf = (contractId: string, year: number) => `${contractId}.${year}`;

/** One evaluation per contract and year; its id is `evaluationIdOf(contractId, year)`. */
export const OpenEvaluationSchema = z.object({
  contractId: IdSchema,
  year: YearSchema,
});

export const ScoreResultSchema = z.object({
  evaluationId: IdSchema,
  /** Stable key of the line of the evaluation referential. */
  resultId: IdSchema,
  question: z
    .string({ error: 'question évaluative requise' })
    .trim()
    .min(1, { error: 'question évaluative requise' })
    .max(2000, { error: 'question trop longue (2 000 caractères au plus)' }),
  indicator: z
    .string({ error: 'indicateur requis' })
    .trim()
    .min(1, { error: 'indicateur requis' })
    .max(2000, { error: 'indicateur trop long (2 000 caractères au plus)' }),
  score: ScoreSchema,
  /** Why this score: required. */
  evidence: TextSchema.min(1, { error: 'justification requise' }),
});

export const PublishEvaluationSchema = z.object({
  evaluationId: IdSchema,
  publishedOn: DateSchema,
});

export type OpenEvaluation = { type: 'OpenEvaluation' } & z.infer<typeof OpenEvaluationSchema>;
export type ScoreResult = { type: 'ScoreResult' } & z.infer<typeof ScoreResultSchema>;
export type PublishEvaluation = { type: 'PublishEvaluation' } & z.infer<typeof PublishEvaluationSchema>;

export type EvaluationCommand = OpenEvaluation | ScoreResult | PublishEvaluation;
