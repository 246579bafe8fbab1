import { describe, expect, it } from 'vitest';
import { DeciderSpecification } from '../decider-specification.js';
import { mapPersonalData } from '../personal-data.js';
import { OfferErrorReportFieldsSchema, ReportOfferErrorSchema } from './commands.js';
import { offerReportDecider } from './decider.js';
import type { OfferReportEvent } from './events.js';

const spec = DeciderSpecification.for(offerReportDecider);
const reportId = 'r-1';
const offerId = 'finess-340017795';
const openOffer = { offer: { exists: true } };

const reported: OfferReportEvent = {
  type: 'OfferErrorReported',
  data: {
    reportId,
    offerId,
    topic: 'telephone',
    message: 'Le numéro ne répond plus',
    reportedOn: '2026-12-03',
  },
  occurredAt: '2026-12-03T00:00:00.000Z',
};
const report = {
  type: 'ReportOfferError' as const,
  reportId,
  offerId,
  topic: 'telephone' as const,
  message: 'Le numéro ne répond plus',
  reportedOn: '2026-12-03',
};

describe('Offer report decider', () => {
  describe('ReportOfferError', () => {
    it('records a report on an open offer', () =>
      spec.given([]).when(report, openOffer).thenEmits([reported]));
    it('keeps the contact a resident gave, and the subject that seals it', () =>
      spec
        .given([])
        .when({ ...report, contact: 'a@b.fr', contactPersonId: 'person-1' }, openOffer)
        .thenEmits([
          { ...reported, data: { ...reported.data, contact: 'a@b.fr', contactPersonId: 'person-1' } },
        ]));
    it('refuses an unknown offer', () =>
      spec
        .given([])
        .when(report, { offer: { exists: false } })
        .thenRefuses('not_found', /introuvable/));
    it('refuses a closed offer', () =>
      spec
        .given([])
        .when(report, { offer: { exists: true, closedOn: '2025-01-01' } })
        .thenRefuses('not_found', /fermée/));
    it('refuses the same report twice', () =>
      spec.given([reported]).when(report, openOffer).thenRefuses('already_exists'));
  });

  describe('DismissOfferReport', () => {
    const dismiss = {
      type: 'DismissOfferReport' as const,
      reportId,
      reason: 'Le numéro est le bon',
      dismissedOn: '2026-12-04',
    };
    it('dismisses a pending report, with its reason', () =>
      spec
        .given([reported])
        .when(dismiss)
        .thenEmits([
          {
            type: 'OfferReportDismissed',
            data: { reportId, offerId, reason: 'Le numéro est le bon', dismissedOn: '2026-12-04' },
            occurredAt: '2026-12-04T00:00:00.000Z',
          },
        ]));
    it('refuses an unknown report', () => spec.given([]).when(dismiss).thenRefuses('not_found'));
    it('refuses a report already handled', () =>
      spec
        .given([
          reported,
          { type: 'OfferReportResolved', data: { reportId, offerId, resolvedOn: '2026-12-04' } },
        ])
        .when(dismiss)
        .thenRefuses('already_done', /traité/));
  });

  describe('ResolveOfferReport', () => {
    const resolve = { type: 'ResolveOfferReport' as const, reportId, resolvedOn: '2026-12-04' };
    it('resolves a pending report', () =>
      spec
        .given([reported])
        .when(resolve)
        .thenEmits([
          {
            type: 'OfferReportResolved',
            data: { reportId, offerId, resolvedOn: '2026-12-04' },
            occurredAt: '2026-12-04T00:00:00.000Z',
          },
        ]));
    it('refuses a dismissed report', () =>
      spec
        .given([
          reported,
          {
            type: 'OfferReportDismissed',
            data: { reportId, offerId, reason: 'juste', dismissedOn: '2026-12-04' },
          },
        ])
        .when(resolve)
        .thenRefuses('already_done', /écarté/));
  });
});

describe('what a resident may send', () => {
  it('requires a message for « autre », and an e-mail or a phone as contact', () => {
    const other = OfferErrorReportFieldsSchema.safeParse({ offerId, topic: 'autre', message: ' ' });
    expect(other.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['message', 'décrivez ce qui est faux'],
    ]);
    const contact = OfferErrorReportFieldsSchema.safeParse({ offerId, topic: 'horaires', contact: 'demain' });
    expect(contact.error?.issues[0]?.path).toEqual(['contact']);
    for (const ok of ['a@b.fr', '06 12 34 56 78', '+33 6 12 34 56 78', ''])
      expect(OfferErrorReportFieldsSchema.safeParse({ offerId, topic: 'fermee', contact: ok }).success).toBe(
        true,
      );
    expect(ReportOfferErrorSchema.safeParse({ ...report, topic: 'inconnu' }).success).toBe(false);
  });

  it('seals the contact with its own subject', async () => {
    const sealed = await mapPersonalData(
      'OfferErrorReported',
      { ...reported.data, contact: 'a@b.fr' },
      async (subject, value) => `sealed(${subject}:${value})`,
      () => 'person-9',
    );
    expect(sealed).toMatchObject({ contact: 'sealed(person-9:a@b.fr)', contactPersonId: 'person-9' });
  });
});
