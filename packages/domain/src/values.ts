import { parseFrenchDate } from '@cls/french';
import { z } from 'zod';
// zod's fallback messages in French, set wherever the domain's schemas are.
import './french-errors.js';

/** Identifier of an aggregate (the part after `<category>-` in its stream name). */
export const IdSchema = z
  .string({ error: 'identifiant requis' })
  .trim()
  .min(1, { error: 'identifiant requis' })
  .max(200, { error: 'identifiant trop long (200 caractères au plus)' })
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._:-]*$/u, {
    error: 'identifiant : lettres, chiffres, point, tiret, deux-points ou souligné',
  });

const DATE_EXPECTED = 'date attendue au format JJ/MM/AAAA';

/**
 * A calendar date, `YYYY-MM-DD` once checked; what a French user types is
 * accepted too (« 15/03/2025 », see `parseFrenchDate`), from a form or an import.
 */
export const DateSchema = z
  .string({ error: DATE_EXPECTED })
  .max(40, { error: DATE_EXPECTED })
  .transform((text) => parseFrenchDate(text) ?? text)
  .pipe(z.iso.date({ error: DATE_EXPECTED }));

export const YearSchema = z
  .number({ error: 'année attendue' })
  .int({ error: 'année attendue' })
  .min(1990, { error: 'année trop ancienne' })
  .max(2100, { error: 'année trop lointaine' });

export const TitleSchema = z
  .string({ error: 'intitulé requis' })
  .trim()
  .min(1, { error: 'intitulé requis' })
  .max(500, { error: 'intitulé trop long (500 caractères au plus)' });

export const TextSchema = z
  .string()
  .trim()
  .max(10_000, { error: 'texte trop long (10 000 caractères au plus)' });

/**
 * At most `max` items: every list a command carries is kept forever in an event,
 * so each has a stated maximum (see command-bounds.spec.ts).
 */
export const atMost = (max: number) => ({
  error: `${max.toLocaleString('fr-FR')} éléments au plus`,
});

/** A link people may follow: http or https only (`javascript:`, `data:` and the like are refused). */
export const WebLinkSchema = z
  .url({ protocol: /^https?$/, error: 'lien attendu (adresse web en http ou https)' })
  .max(2000, { error: 'lien trop long (2 000 caractères au plus)' });

/**
 * Free-form facts (figures and attributes of a report) as JSON, at most
 * `maxChars` characters once serialised; the limit is also recorded as metadata
 * for the bounds test.
 */
export const boundedJsonRecord = (maxChars: number) =>
  z
    .record(z.string().max(200, { error: 'clé trop longue (200 caractères au plus)' }), z.json())
    .refine((value) => JSON.stringify(value).length <= maxChars, {
      error: `données trop volumineuses (${maxChars.toLocaleString('fr-FR')} caractères au plus)`,
    })
    .meta({ maxBytes: maxChars });

/** A name of an organisation or a person, as written in the contract. */
export const NameSchema = z
  .string({ error: 'nom requis' })
  .trim()
  .min(1, { error: 'nom requis' })
  .max(600, { error: 'nom trop long (600 caractères au plus)' });

/** The five years of a contract, e.g. 2024 to 2029. */
/**
 * How names typed by people are compared: the same name written with other capitals, spaces or
 * apostrophes (’ or ') is the same (« COPIL » and « copil », « Centre d’Hérault » and « centre d'Hérault »).
 */
export const nameKey = (name: string) =>
  name.normalize('NFC').replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim().toLocaleLowerCase('fr');

/** The name of `names` that is `name` written another way (see `nameKey`), if any. */
export const sameNameIn = (names: readonly string[], name: string): string | undefined =>
  names.find((candidate) => nameKey(candidate) === nameKey(name));

export const PeriodSchema = z
  .object({ start: YearSchema, end: YearSchema })
  .refine((period) => period.end >= period.start, {
    error: 'la fin de la période précède son début',
    path: ['end'],
  });
export type Period = z.infer<typeof PeriodSchema>;

/** Whether a date (YYYY-MM-DD) falls inside a contract period (whole years). */
export function isWithinPeriod(date: string, period: Period): boolean {
  const year = Number(date.slice(0, 4));
  return year >= period.start && year <= period.end;
}

/** ISO date-time at midnight UTC of a calendar date: business time of date-only facts. */
export const startOfDay = (date: string) => `${date}T00:00:00.000Z`;

/** How precise a date is: sources often give only a month or a year. */
export const DatePrecisionSchema = z.enum(['day', 'month', 'year', 'period']);
export type DatePrecision = z.infer<typeof DatePrecisionSchema>;

/**
 * When a part of a plan took effect, for a plan recorded after the fact (a
 * contract signed before the platform knew it, replayed from its sources): the
 * business date its events carry (`occurredAt`, the start of what the date
 * covers), with the precision the source gives. Without it the plan takes
 * effect when recorded. The record time stays in the events' metadata, so the
 * audit tells both apart.
 */
export const EffectiveOnFields = {
  effectiveOn: DateSchema.optional(),
  effectiveOnPrecision: DatePrecisionSchema.optional(),
};
export interface EffectiveOn {
  effectiveOn?: string;
  effectiveOnPrecision?: DatePrecision;
}

/** The business time of a command that says when it took effect; undefined otherwise (record time). */
export const effectiveAt = (command: EffectiveOn): string | undefined =>
  command.effectiveOn === undefined ? undefined : startOfDay(command.effectiveOn);
