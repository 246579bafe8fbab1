import { OfferErrorReportFieldsSchema, OfferReportTopicSchema } from '@cls/domain';
import { z } from 'zod';

/**
 * The field a person never sees (visually hidden, out of the tab order) and a bot
 * fills: a report carrying it is answered as accepted, and nothing is stored.
 */
export const REPORT_HONEYPOT_FIELD = 'siteWeb';

/** What the portal's « Signaler une erreur » form sends: the resident's fields and the honeypot. */
export const OfferErrorReportSchema = OfferErrorReportFieldsSchema.and(
  z.object({ [REPORT_HONEYPOT_FIELD]: z.string().max(2000, { error: 'texte trop long' }).optional() }),
);
export type OfferErrorReportInput = z.input<typeof OfferErrorReportSchema>;

/** The same answer whether the report was stored or caught by the honeypot. */
export const OfferErrorReportAnswerSchema = z.object({ received: z.literal(true) });

/** A pending report as the coordinators' verification queue shows it, with its offer. */
export const OfferReportQueueItemSchema = z.object({
  reportId: z.string(),
  topic: OfferReportTopicSchema,
  message: z.string(),
  /** How to reach the resident, when they gave it (opened for the coordinators). */
  contact: z.string().nullable(),
  reportedOn: z.string(),
  offer: z.object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    commune: z.string(),
    phone: z.string().nullable(),
    verifiedOn: z.string(),
  }),
});
export type OfferReportQueueItem = z.infer<typeof OfferReportQueueItemSchema>;
