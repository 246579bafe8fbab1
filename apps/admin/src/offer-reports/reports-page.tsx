import { DismissOfferReportSchema, OFFER_REPORT_TOPIC_LABELS, offerDisplayName } from '@cls/domain';
import { formatPhone, frenchDate } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useMutation } from '@tanstack/react-query';
import { Link } from '../router.js';
import { CommandForm } from '../shared/command-form.js';
import { Disclosure } from '../shared/disclosure.js';
import { kindLabel, today } from '../shared/labels.js';
import { type QueuedReport, useReportQueue } from './use-report-queue.js';

/** What a resident said, as the coordination reads it. */
export function ReportFacts({ report }: { report: QueuedReport }) {
  return (
    <dl className="facts">
      <dt>Ce qui serait faux</dt>
      <dd data-testid="report-topic">{OFFER_REPORT_TOPIC_LABELS[report.topic]}</dd>
      <dt>Message</dt>
      <dd>{report.message || 'non renseigné'}</dd>
      <dt>Signalé le</dt>
      <dd>{frenchDate(report.reportedOn)}</dd>
      <dt>Contact</dt>
      <dd>{report.contact ?? 'non renseigné'}</dd>
      <dt>Téléphone de la fiche</dt>
      <dd>{report.offer.phone ? formatPhone(report.offer.phone) : 'non renseigné'}</dd>
      <dt>Fiche vérifiée le</dt>
      <dd>{frenchDate(report.offer.verifiedOn)}</dd>
    </dl>
  );
}

/** « Écarter »: nothing to change, said why (the reason is kept in the log). */
export function DismissReport({ reportId }: { reportId: string }) {
  const trpc = useTRPC();
  const dismiss = useMutation(trpc.reports.dismiss.mutationOptions());
  return (
    <Disclosure label="Écarter">
      <CommandForm
        title="Écarter le signalement"
        schema={DismissOfferReportSchema}
        fields={[
          {
            name: 'reason',
            label: 'Motif',
            type: 'textarea',
            hint: 'ex. numéro vérifié auprès de la structure : il est juste',
          },
        ]}
        fixed={{ reportId, dismissedOn: today() }}
        mutation={dismiss}
        submitLabel="Écarter le signalement"
      />
    </Disclosure>
  );
}

/**
 * The verification queue: residents' reports on the offers of this coordinator's
 * territories, each to correct (the offer's form, prefilled) or dismiss with a reason.
 */
export function ReportsPage() {
  const queue = useReportQueue();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link> › <Link to="/offres">Offres de santé</Link>
      </p>
      <h1>Signalements à vérifier</h1>
      <p className="muted">
        Erreurs signalées par des habitants sur les fiches du portail (offres du territoire de vos contrats).
      </p>
      {queue.isPending ? <p>Chargement…</p> : null}
      {queue.isError ? <p role="alert">{queue.error.message}</p> : null}
      {queue.data ? (
        <>
          <p role="status" data-testid="reports-summary">
            {queue.data.length === 0
              ? 'Aucun signalement à vérifier.'
              : queue.data.length === 1
                ? '1 signalement à vérifier.'
                : `${queue.data.length} signalements à vérifier.`}
          </p>
          <ul className="cards">
            {queue.data.map((report) => (
              <li key={report.reportId} className="card" data-testid="report">
                <h2 className="card__title">
                  {offerDisplayName(report.offer.name, report.offer.commune)}{' '}
                  <span className="muted">
                    ({kindLabel(report.offer.kind)}, {report.offer.commune})
                  </span>
                </h2>
                <ReportFacts report={report} />
                <p className="inline-actions">
                  <Link className="button" to={`/signalements/${encodeURIComponent(report.reportId)}`}>
                    Corriger la fiche
                    <span className="visually-hidden">
                      {' '}
                      {offerDisplayName(report.offer.name, report.offer.commune)}
                    </span>
                  </Link>{' '}
                  <Link to={`/offres/${encodeURIComponent(report.offer.id)}`}>Voir l’offre</Link>
                </p>
                <DismissReport reportId={report.reportId} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
