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

/**
 * A question of the referential (annex 4): its section, 1 to 12 or `conclusion`, and
 * its rank in that section from 1 — `7.1`, `conclusion.3`. Stable as long as the
 * referential is: the report asks its questions by these keys.
 */
export const questionKeyOf = (section: number | 'conclusion', rank: number) => `${section}.${rank}`;

export const QuestionKeySchema = z
  .string({ error: 'question requise' })
  .max(20, { error: 'question inconnue' })
  .regex(/^(?:[1-9]|1[0-2]|conclusion)\.[1-9][0-9]?$/, {
    error: 'question inconnue : une section (1 à 12 ou conclusion) et un rang, par exemple 7.1',
  });

/** An evaluator's (or the coordination's) narrative answer to a question of the referential; answering again replaces it. */
export const AnswerEvaluationQuestionSchema = z.object({
  evaluationId: IdSchema,
  questionKey: QuestionKeySchema,
  /** The question as the referential words it, kept beside the answer. */
  question: z
    .string()
    .trim()
    .max(2000, { error: 'question trop longue (2 000 caractères au plus)' })
    .optional(),
  answer: TextSchema.min(1, { error: 'réponse requise' }),
});

/** What a client sends to publish: the evaluation and the day. */
export const PublishEvaluationSchema = z.object({
  evaluationId: IdSchema,
  publishedOn: DateSchema,
});

/**
 * What freezes a publication, computed by the host — never by a client — from the log:
 * the SHA-256 of the canonical report of the year as rendered from the log up to
 * `coversPosition` (on the log's own clock, closed on `closingDate`, the day it was
 * sealed), signed with the key that signs the log's head (`keyId`, Ed25519, base64).
 * A later replay re-derives the report up to that position and compares.
 */
export const EvaluationSealSchema = z.object({
  contentHash: z
    .string()
    .max(64)
    .regex(/^[0-9a-f]{64}$/, { error: 'empreinte : 64 chiffres hexadécimaux attendus' }),
  coversPosition: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** The day the report was closed on, on the log's clock: the day it was sealed. */
  closingDate: DateSchema,
  keyId: z
    .string()
    .max(16)
    .regex(/^[0-9a-f]{16}$/, { error: 'clé : 16 chiffres hexadécimaux attendus' }),
  signature: z.string().min(1).max(200, { error: 'signature trop longue' }),
});
export type EvaluationSeal = z.infer<typeof EvaluationSealSchema>;

/** The command as the host sends it: the client's fields, and the seal the host computed. */
export const SealedPublishEvaluationSchema = PublishEvaluationSchema.extend({
  seal: EvaluationSealSchema.optional(),
});

export type OpenEvaluation = { type: 'OpenEvaluation' } & z.infer<typeof OpenEvaluationSchema>;
export type ScoreResult = { type: 'ScoreResult' } & z.infer<typeof ScoreResultSchema>;
export type AnswerEvaluationQuestion = { type: 'AnswerEvaluationQuestion' } & z.infer<
  typeof AnswerEvaluationQuestionSchema
>;
export type PublishEvaluation = { type: 'PublishEvaluation' } & z.infer<typeof SealedPublishEvaluationSchema>;

export type EvaluationCommand = OpenEvaluation | ScoreResult | AnswerEvaluationQuestion | PublishEvaluation;
