import { z } from 'zod';
import { phoneDigits } from '../offer/commands.js';
import { DateSchema, IdSchema } from '../values.js';

/**
 * What a resident says is wrong on an offer's card (« Signaler une erreur »):
 * the place closed, its phone, its hours, its address, or something else.
 */
export const OFFER_REPORT_TOPICS = ['fermee', 'telephone', 'horaires', 'adresse', 'autre'] as const;
export type OfferReportTopic = (typeof OFFER_REPORT_TOPICS)[number];

/** Each topic as the portal and the admin write it. */
export const OFFER_REPORT_TOPIC_LABELS: Record<OfferReportTopic, string> = {
  fermee: 'Le lieu est fermé',
  telephone: 'Le numéro de téléphone',
  horaires: 'Les horaires',
  adresse: 'L’adresse',
  autre: 'Autre chose',
};

export const OfferReportTopicSchema = z.enum(OFFER_REPORT_TOPICS, { error: 'choisissez ce qui est faux' });

/** What a resident writes: short, and required when the topic is « autre ». */
export const OFFER_REPORT_MESSAGE_MAX = 1000;
export const OfferReportMessageSchema = z
  .string({ error: 'texte attendu' })
  .trim()
  .max(OFFER_REPORT_MESSAGE_MAX, { error: 'message trop long (1 000 caractères au plus)' });

/**
 * How to reach the resident, if they wish: an e-mail address or a French phone
 * number. Personal data (sealed in the log, erasable: see personal-data.ts).
 */
export const OfferReportContactSchema = z
  .string({ error: 'texte attendu' })
  .trim()
  .max(200, { error: 'contact trop long (200 caractères au plus)' })
  .refine(
    (value) =>
      value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) || /^0\d{9}$/.test(phoneDigits(value)),
    { error: 'contact : une adresse électronique ou un numéro de téléphone (ex. 06 12 34 56 78)' },
  );

/** « Autre chose » says what: the message is required then. */
const messageWhenOther = (
  report: { topic: OfferReportTopic; message: string },
  context: z.RefinementCtx,
): void => {
  if (report.topic === 'autre' && report.message === '')
    context.addIssue({ code: 'custom', path: ['message'], message: 'décrivez ce qui est faux' });
};

const reportFields = {
  offerId: IdSchema,
  topic: OfferReportTopicSchema,
  message: OfferReportMessageSchema.default(''),
  contact: OfferReportContactSchema.optional(),
};

/** The fields a resident fills: the portal's form and the public procedure check them with it. */
export const OfferErrorReportFieldsSchema = z.object(reportFields).superRefine(messageWhenOther);

export const ReportOfferErrorSchema = z
  .object({
    reportId: IdSchema,
    ...reportFields,
    /** Whose key seals the contact (given by the command side when absent). */
    contactPersonId: IdSchema.optional(),
    reportedOn: DateSchema,
  })
  .superRefine(messageWhenOther);

export const DismissOfferReportSchema = z.object({
  reportId: IdSchema,
  reason: z
    .string({ error: 'motif requis' })
    .trim()
    .min(1, { error: 'motif requis' })
    .max(1000, { error: 'motif trop long (1 000 caractères au plus)' }),
  dismissedOn: DateSchema,
});

/** The coordinator's update of the offer answered the report. */
export const ResolveOfferReportSchema = z.object({
  reportId: IdSchema,
  resolvedOn: DateSchema,
});

export type ReportOfferError = { type: 'ReportOfferError' } & z.infer<typeof ReportOfferErrorSchema>;
export type DismissOfferReport = { type: 'DismissOfferReport' } & z.infer<typeof DismissOfferReportSchema>;
export type ResolveOfferReport = { type: 'ResolveOfferReport' } & z.infer<typeof ResolveOfferReportSchema>;

export type OfferReportCommand = ReportOfferError | DismissOfferReport | ResolveOfferReport;
