import { type OfferReportTopic, offerDisplayName } from '@cls/domain';
import { frenchDate } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { EditOfferSchema } from '../offers/offer-commands.js';
import { detailsOf, inputsOf, offerChanges, offerRemovals } from '../offers/offer-details.js';
import { offerDetailFields } from '../offers/offer-fields.js';
import { type AdminOffer, useOffer } from '../offers/use-offer.js';
import { Link } from '../router.js';
import { CommandForm, type FormMutation } from '../shared/command-form.js';
import { today } from '../shared/labels.js';
import { DismissReport, ReportFacts } from './reports-page.js';
import { type QueuedReport, useReportQueue } from './use-report-queue.js';

/** The input a report points at: the coordinator lands in it (the first field otherwise). */
const FIELD_OF_TOPIC: Partial<Record<OfferReportTopic, string>> = {
  telephone: 'changes.phone',
  adresse: 'changes.address.line',
  horaires: 'changes.openingHours',
};

/**
 * « Corriger la fiche »: the offer's update form, filled with what the offer says now
 * and focused on what the resident reported; saving it updates the offer (its « vérifiée
 * le » becomes today) and resolves the report.
 */
function CorrectOffer({
  report,
  offer,
  onDone,
}: {
  report: QueuedReport;
  offer: AdminOffer;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const update = useMutation(trpc.offer.update.mutationOptions());
  const resolve = useMutation(trpc.reports.resolve.mutationOptions());
  const current = detailsOf(offer);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    const wanted = FIELD_OF_TOPIC[report.topic];
    const form = section.current;
    const input =
      (wanted ? form?.querySelector<HTMLElement>(`[name="${wanted}"]`) : null) ??
      form?.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea');
    input?.focus();
  }, [report.topic]);
  // The update, then the report resolved: a retry of the form sends the same update again (answered once).
  const correct: FormMutation<z.output<typeof EditOfferSchema>> = {
    isPending: update.isPending || resolve.isPending,
    async mutateAsync(input) {
      const result = await update.mutateAsync(input);
      await resolve.mutateAsync({ reportId: report.reportId, resolvedOn: today() });
      return result;
    },
  };
  return (
    <section ref={section} aria-labelledby="correct-title" className="commands">
      <h2 id="correct-title" className="visually-hidden">
        Corriger la fiche
      </h2>
      <CommandForm
        title="Corriger la fiche"
        schema={EditOfferSchema}
        fields={offerDetailFields('changes.', inputsOf(current))}
        fixed={{ offerId: offer.id, verifiedOn: today() }}
        transform={(input) => ({
          ...input,
          changes: offerChanges(current, (input.changes ?? {}) as Record<string, unknown>),
          remove: offerRemovals(current, (input.changes ?? {}) as Record<string, unknown>),
        })}
        mutation={correct}
        onDone={onDone}
        submitLabel="Enregistrer la correction"
      />
    </section>
  );
}

/** The offer a report is about, read after this user's last command, then its form. */
function OfferCorrection({ report, onDone }: { report: QueuedReport; onDone: () => void }) {
  const offer = useOffer(report.offer.id);
  if (offer.isPending) return <p>Chargement de la fiche…</p>;
  if (offer.isError) return <p role="alert">{offer.error.message}</p>;
  if (offer.data.closedOn) return <p>L’offre est fermée : elle ne change plus.</p>;
  return <CorrectOffer report={report} offer={offer.data} onDone={onDone} />;
}

/** One report: what the resident said, the offer's form to correct it, or its dismissal. */
export function ReportPage({ reportId }: { reportId: string }) {
  const queue = useReportQueue();
  const [handled, setHandled] = useState<string>();
  const done = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (handled) done.current?.focus();
  }, [handled]);
  const report = queue.data?.find((item) => item.reportId === reportId);
  const breadcrumb = (
    <p className="breadcrumb">
      <Link to="/">Vos contrats</Link> › <Link to="/signalements">Signalements</Link>
    </p>
  );
  if (handled)
    return (
      <>
        {breadcrumb}
        <h1>Signalement traité</h1>
        <p role="status" tabIndex={-1} ref={done} data-testid="report-handled">
          {handled}
        </p>
        <p>
          <Link to="/signalements">Retour aux signalements</Link>
        </p>
      </>
    );
  if (queue.isPending) return <p>Chargement…</p>;
  if (queue.isError) return <p role="alert">{queue.error.message}</p>;
  if (!report)
    return (
      <>
        {breadcrumb}
        <p>Ce signalement n’est plus à vérifier : il a été traité ou écarté.</p>
      </>
    );
  return (
    <>
      {breadcrumb}
      <h1>Signalement sur {offerDisplayName(report.offer.name, report.offer.commune)}</h1>
      <ReportFacts report={report} />
      {report.topic === 'fermee' ? (
        <p>
          Si la structure a fermé, fermez l’offre depuis{' '}
          <Link to={`/offres/${encodeURIComponent(report.offer.id)}`}>sa fiche</Link>, puis écartez ce
          signalement en le disant.
        </p>
      ) : null}
      <OfferCorrection
        report={report}
        onDone={() =>
          setHandled(`Fiche corrigée et vérifiée le ${frenchDate(today())} : le signalement est traité.`)
        }
      />
      <DismissReport reportId={report.reportId} />
    </>
  );
}
