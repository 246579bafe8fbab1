import { z } from 'zod';

/**
 * What auditors ask the log (role `auditor`, admins too; read-only): the
 * timeline, causal chains, streams with their states, a contract as of a date,
 * the diff between two dates, the annual evaluation report, integrity and the
 * replay check.
 */

const Day = z.iso.date({ error: 'date attendue au format AAAA-MM-JJ' });

/** Business time (`occurredAt`: when it happened) or record time (`recordedAt`: when the log knew it). */
export const TimeAxisSchema = z.enum(['occurred', 'recorded'], { error: 'temps : occurred ou recorded' });
export type TimeAxis = z.infer<typeof TimeAxisSchema>;

export const TimelineFilterSchema = z.object({
  contractId: z.string().min(1).max(200).optional(),
  /** Stream category: `contract`, `action`, `offer`… */
  category: z
    .string()
    .regex(/^[a-z_]+$/, { error: 'catégorie de flux inconnue' })
    .optional(),
  type: z
    .string()
    .regex(/^[A-Za-z]+$/, { error: 'type d’événement inconnu' })
    .optional(),
  actorId: z.string().min(1).max(200).optional(),
  time: TimeAxisSchema.default('occurred'),
  /** Inclusive days, on the chosen time axis. */
  from: Day.optional(),
  to: Day.optional(),
  /** Page cursor: events before this global position (newest first). */
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type TimelineFilter = z.input<typeof TimelineFilterSchema>;

export const AuditEventSchema = z.object({
  position: z.number(),
  stream: z.string(),
  revision: z.number(),
  type: z.string(),
  contractId: z.string().nullable(),
  /** `name`: who it is, as histories show it (see actorNames); the log keeps the id only. */
  actor: z.object({ id: z.string(), role: z.string(), name: z.string().optional() }),
  commandId: z.string().nullable(),
  correlationId: z.string().nullable(),
  causationId: z.string().nullable(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  data: z.unknown(),
  hash: z.string(),
  prevHash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const TimelinePageSchema = z.object({
  events: z.array(AuditEventSchema),
  /** Cursor of the next (older) page; null at the start of the log. */
  nextBefore: z.number().nullable(),
});

export const TimelineFacetsSchema = z.object({
  contracts: z.array(z.object({ id: z.string(), name: z.string() })),
  categories: z.array(z.string()),
  types: z.array(z.string()),
  /** `name`: the account's display name, when the actor is an account. */
  actors: z.array(
    z.object({ id: z.string(), name: z.string().nullable(), role: z.string(), events: z.number() }),
  ),
});

/** The events of one command or import (same correlation), and what caused the event. */
export const CausalChainSchema = z.object({
  event: AuditEventSchema,
  /** Every event sharing its correlation id, in log order. */
  correlated: z.array(AuditEventSchema),
  /** The events of the command that caused it (its causation id), when that is another command. */
  causes: z.array(AuditEventSchema),
});

export const StreamHistorySchema = z.object({
  stream: z.string(),
  events: z.array(AuditEventSchema.extend({ stateAfter: z.unknown() })),
});

export const AsOfInputSchema = z.object({
  contractId: z.string().min(1).max(200),
  date: Day,
  time: TimeAxisSchema.default('occurred'),
});

export const DiffInputSchema = z
  .object({
    contractId: z.string().min(1).max(200),
    from: Day,
    to: Day,
    time: TimeAxisSchema.default('occurred'),
  })
  .refine((input) => input.from <= input.to, { error: 'la première date précède la seconde', path: ['to'] });

export const ReportInputSchema = z.object({
  contractId: z.string().min(1).max(200),
  year: z.number().int().min(1990).max(2100),
  /** The day the report is closed (the end of the year by default). */
  closingDate: Day.optional(),
  /** The same clock as « À une date » by default: what was true that day (business dates). */
  time: TimeAxisSchema.default('occurred'),
});
export type ReportInput = z.input<typeof ReportInputSchema>;

export const IntegritySchema = z.object({
  ok: z.boolean(),
  checkedAt: z.string().nullable(),
  events: z.number(),
  /** The first broken link, when there is one. */
  brokenLink: z
    .object({ stream: z.string(), revision: z.number(), position: z.number(), reason: z.string() })
    .nullable(),
  /**
   * The log's head signed at this check (Ed25519, a key outside the database), that
   * every later check must find the log still passing through; null when it failed.
   */
  signedHead: z
    .object({
      position: z.number(),
      globalHash: z.string(),
      signedAt: z.string(),
      keyId: z.string(),
      signature: z.string(),
    })
    .nullable(),
  running: z.boolean(),
});
export type Integrity = z.infer<typeof IntegritySchema>;

export const ReplayCheckSchema = z.object({
  checkedAt: z.string(),
  /** The log position both builds stopped at. */
  position: z.number(),
  readModels: z.array(
    z.object({
      name: z.string(),
      /** Where this read model was compared: its live position. */
      position: z.number(),
      live: z.string(),
      replayed: z.string(),
      identical: z.boolean(),
    }),
  ),
});
export type ReplayCheck = z.infer<typeof ReplayCheckSchema>;
