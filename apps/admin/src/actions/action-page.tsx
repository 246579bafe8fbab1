import {
  AbandonActionSchema,
  type CommandType,
  CompleteActionSchema,
  isEventOf,
  MeasureIndicatorSchema,
  ProduceDeliverableSchema,
  ReportProgressSchema,
  StartActionSchema,
  SuspendActionSchema,
} from '@cls/domain';
import { frenchDate, frenchNumber, frenchPercent } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useMutation, useQuery } from '@tanstack/react-query';
import { eventTypeLabel } from '../audit/audit-labels.js';
import { Link } from '../router.js';
import { CommandForm } from '../shared/command-form.js';
import { ACTION_STATUS_LABELS, PROGRESS_LABELS, thisYear, today } from '../shared/labels.js';
import { ActionOffers } from './action-offers.js';

/** One action: what it is, its deliverables, its timeline, and the forms of the commands its state allows. */
export function ActionPage({ actionId, canCommand }: { actionId: string; canCommand: boolean }) {
  const trpc = useTRPC();
  const action = useQuery(trpc.board.action.queryOptions({ actionId }));
  // Only the forms this user may submit (a pilot runs the action, the coordination plans and abandons it).
  const allowed = useQuery(trpc.board.actionCommands.queryOptions({ actionId }, { enabled: canCommand }));
  const may = (type: CommandType) => allowed.data?.includes(type) ?? false;
  const mutations = {
    start: useMutation(trpc.action.start.mutationOptions()),
    report: useMutation(trpc.action.reportProgress.mutationOptions()),
    produce: useMutation(trpc.action.produceDeliverable.mutationOptions()),
    measure: useMutation(trpc.action.measureIndicator.mutationOptions()),
    complete: useMutation(trpc.action.complete.mutationOptions()),
    suspend: useMutation(trpc.action.suspend.mutationOptions()),
    abandon: useMutation(trpc.action.abandon.mutationOptions()),
  };
  const catalogue = useQuery(
    trpc.board.indicatorCatalogue.queryOptions(
      { contractId: action.data?.contractId ?? '' },
      { enabled: action.data !== undefined },
    ),
  );
  if (action.isPending) return <p>Chargement…</p>;
  if (action.isError) return <p role="alert">{action.error.message}</p>;
  const a = action.data;
  const fixed = { actionId };
  const { status } = a;
  const waiting = a.deliverables.filter((deliverable) => deliverable.planned && !deliverable.producedOn);
  // The catalogue's indicators of this action and of its fiche: what a measure is taken against.
  const indicators = (catalogue.data ?? []).filter(
    (indicator) =>
      indicator.ficheCode === a.ficheCode &&
      (indicator.actionId === undefined || indicator.actionId === actionId),
  );
  const labelOf = (indicatorId: unknown) =>
    indicators.find((indicator) => indicator.indicatorId === indicatorId)?.label;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link> › <Link to={`/contrats/${a.contractId}`}>Contrat</Link> ›{' '}
        <Link to={`/contrats/${a.contractId}/actions`}>Actions</Link>
      </p>
      <h1>
        {a.code} — {a.title}
      </h1>
      <dl className="facts">
        <dt>État</dt>
        <dd>
          <span className={`badge badge--${a.status}`} data-testid="action-status" id="action-status">
            {ACTION_STATUS_LABELS[status]}
          </span>
          {a.progress ? ` · ${PROGRESS_LABELS[a.progress]}` : ''}
          {a.percentComplete !== null ? ` · ${a.percentComplete} %` : ''}
        </dd>
        <dt>Fiche-action</dt>
        <dd>
          {a.ficheCode} (axe {a.axisCode ?? '—'})
        </dd>
        <dt>Pilotes</dt>
        {/* Organisations, then the pilots who are persons (their names opened by the API). */}
        <dd>{[...a.pilots, ...a.pilotPersons.map((pilot) => pilot.name)].join(', ') || '—'}</dd>
        <dt>Années prévues</dt>
        <dd>
          {a.plannedYears.join(', ') || '—'}
          {a.yearsUncertain ? ' (calendrier incertain dans la source)' : ''}
        </dd>
        <dt>Démarrée</dt>
        <dd>{frenchDate(a.startedOn)}</dd>
      </dl>

      <section aria-labelledby="deliverables-title">
        <h2 id="deliverables-title">
          Livrables ({a.deliverablesProduced}/{a.deliverablesPlanned} prévus produits)
        </h2>
        <ul data-testid="deliverables">
          {a.deliverables.map((deliverable) => (
            <li key={deliverable.deliverableId}>
              {deliverable.title} {deliverable.planned ? '' : '(non prévu) '}—{' '}
              {deliverable.producedOn ? `produit le ${frenchDate(deliverable.producedOn)}` : 'à produire'}
              {deliverable.link ? (
                <>
                  {' '}
                  · <a href={deliverable.link}>lien</a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {indicators.length > 0 ? (
        <section aria-labelledby="indicators-title">
          <h2 id="indicators-title">Indicateurs de la fiche-action</h2>
          <table className="table table--stacked" data-testid="action-indicators">
            <thead>
              <tr>
                <th scope="col">Indicateur</th>
                <th scope="col">Année</th>
                <th scope="col">Valeur</th>
                <th scope="col">Cible</th>
              </tr>
            </thead>
            <tbody>
              {indicators.flatMap((indicator) =>
                (indicator.years.length > 0 ? indicator.years : [undefined]).map((year) => (
                  <tr key={`${indicator.indicatorId}-${year?.year ?? 'aucune'}`}>
                    <th scope="row" data-label="Indicateur">
                      {indicator.label}
                    </th>
                    <td data-label="Année">{year ? year.year : 'non renseigné'}</td>
                    <td data-label="Valeur">
                      {year?.value != null ? frenchNumber(year.value) : 'non renseigné'}
                    </td>
                    <td data-label="Cible">
                      {year?.target != null ? frenchNumber(year.target) : 'non renseigné'}
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </section>
      ) : null}

      <ActionOffers
        actionId={actionId}
        contractId={a.contractId}
        offers={a.offers}
        deliverables={a.deliverables}
        canCommand={may('LinkOfferToAction')}
      />

      {canCommand && (allowed.data?.length ?? 0) > 0 ? (
        <section aria-labelledby="commands-title" className="commands">
          <h2 id="commands-title">Agir sur l’action</h2>
          {(status === 'planned' || status === 'suspended') && may('StartAction') ? (
            <CommandForm
              title={status === 'planned' ? 'Démarrer l’action' : 'Reprendre l’action'}
              schema={StartActionSchema}
              fields={[{ name: 'startedOn', label: 'Date de démarrage', type: 'date', initial: today() }]}
              fixed={fixed}
              mutation={mutations.start}
              resultId="action-status"
              submitLabel={status === 'planned' ? 'Démarrer' : 'Reprendre'}
            />
          ) : null}
          {status === 'in_progress' ? (
            <>
              {may('ProduceDeliverable') ? (
                <CommandForm
                  title="Enregistrer un livrable produit"
                  schema={ProduceDeliverableSchema}
                  fields={[
                    {
                      name: 'deliverableId',
                      label: 'Livrable',
                      type: 'select',
                      options: [
                        ...waiting.map((deliverable): [string, string] => [
                          deliverable.deliverableId,
                          deliverable.title,
                        ]),
                        ['nouveau', 'Un livrable non prévu'],
                      ],
                      parse: (text) => (text === 'nouveau' ? `X${Date.now().toString(36)}` : text),
                    },
                    { name: 'title', label: 'Intitulé du livrable produit' },
                    { name: 'producedOn', label: 'Date de production', type: 'date', initial: today() },
                    { name: 'link', label: 'Lien (facultatif)', type: 'url', hint: 'https://…' },
                  ]}
                  fixed={fixed}
                  mutation={mutations.produce}
                  resultId="action-latest-entry"
                  submitLabel="Enregistrer le livrable"
                />
              ) : null}
              {may('ReportProgress') ? (
                <CommandForm
                  title="Renseigner l’état d’avancement"
                  schema={ReportProgressSchema}
                  fields={[
                    { name: 'reportedOn', label: 'Date', type: 'date', initial: today() },
                    {
                      name: 'progress',
                      label: 'État d’avancement',
                      type: 'select',
                      options: Object.entries(PROGRESS_LABELS),
                    },
                    {
                      name: 'percentComplete',
                      label: 'Réalisé (%)',
                      type: 'number',
                      hint: 'de 0 à 100, facultatif',
                    },
                    { name: 'comment', label: 'Commentaire', type: 'textarea' },
                  ]}
                  fixed={fixed}
                  mutation={mutations.report}
                  resultId="action-latest-entry"
                  submitLabel="Enregistrer l’avancement"
                />
              ) : null}
              {may('MeasureIndicator') ? (
                <CommandForm
                  title="Mesurer un indicateur"
                  schema={MeasureIndicatorSchema}
                  fields={[
                    ...(indicators.length > 0
                      ? [
                          {
                            name: 'indicatorId',
                            label: 'Indicateur du catalogue',
                            type: 'select' as const,
                            options: [
                              ...indicators.map((indicator): [string, string] => [
                                indicator.indicatorId,
                                indicator.label,
                              ]),
                              ['libre', 'Un autre indicateur (libellé à saisir)'] as [string, string],
                            ],
                            parse: (text: string) => (text === 'libre' ? undefined : text),
                          },
                        ]
                      : []),
                    {
                      name: 'indicator',
                      label: indicators.length > 0 ? 'Autre indicateur (libellé)' : 'Indicateur',
                      visible: (values) =>
                        indicators.length === 0 || !values.indicatorId || values.indicatorId === 'libre',
                    },
                    { name: 'value', label: 'Valeur', type: 'number' },
                    { name: 'unit', label: 'Unité (facultatif)' },
                    {
                      name: 'period',
                      label: 'Année mesurée',
                      type: 'number',
                      initial: String(thisYear()),
                      parse: (text) => ({ year: Number(text) }),
                    },
                    { name: 'measuredOn', label: 'Date de la mesure', type: 'date', initial: today() },
                  ]}
                  fixed={fixed}
                  // A catalogue indicator is recorded under its own label too (the log stays readable alone).
                  transform={(input) =>
                    typeof input.indicatorId === 'string'
                      ? { ...input, indicator: labelOf(input.indicatorId) ?? input.indicatorId }
                      : input
                  }
                  mutation={mutations.measure}
                  resultId="action-latest-entry"
                  submitLabel="Enregistrer la mesure"
                />
              ) : null}
              {may('CompleteAction') ? (
                <CommandForm
                  title="Déclarer l’action réalisée"
                  schema={CompleteActionSchema}
                  fields={[{ name: 'completedOn', label: 'Date', type: 'date', initial: today() }]}
                  fixed={fixed}
                  mutation={mutations.complete}
                  resultId="action-status"
                  submitLabel="Action réalisée"
                />
              ) : null}
              {may('SuspendAction') ? (
                <CommandForm
                  title="Suspendre l’action"
                  schema={SuspendActionSchema}
                  fields={[
                    { name: 'suspendedOn', label: 'Date', type: 'date', initial: today() },
                    { name: 'reason', label: 'Motif', type: 'textarea' },
                  ]}
                  fixed={fixed}
                  mutation={mutations.suspend}
                  resultId="action-status"
                  submitLabel="Suspendre"
                />
              ) : null}
            </>
          ) : null}
          {(status === 'planned' || status === 'in_progress' || status === 'suspended') &&
          may('AbandonAction') ? (
            <CommandForm
              title="Abandonner l’action"
              schema={AbandonActionSchema}
              fields={[
                { name: 'abandonedOn', label: 'Date', type: 'date', initial: today() },
                { name: 'reason', label: 'Motif', type: 'textarea' },
              ]}
              fixed={fixed}
              mutation={mutations.abandon}
              resultId="action-status"
              submitLabel="Abandonner"
            />
          ) : null}
        </section>
      ) : canCommand && allowed.isPending ? null : (
        <p className="muted">Consultation seule.</p>
      )}

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Historique</h2>
        <ol className="timeline" data-testid="timeline">
          {[...a.timeline].reverse().map((entry, index) => (
            // The newest entry is where the focus goes after a command that adds one. It keeps one
            // key: when a later read brings a newer entry, React reuses the element and the focus
            // stays (a new key would drop it to the page, as seen beside the whole suite).
            <li
              key={index === 0 ? 'latest' : entry.position}
              id={index === 0 ? 'action-latest-entry' : undefined}
            >
              <strong>{eventTypeLabel(entry.type)}</strong> — {frenchDate(entry.occurredAt)}{' '}
              <span className="muted">
                (enregistré le {frenchDate(entry.recordedAt)} par {entry.actorName})
              </span>
              <TimelineDetail entry={entry} />
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

/**
 * What an entry of the history says beyond its type: the progress reported with its
 * comment, a deliverable's title, a measure, why the action was suspended or abandoned.
 */
function TimelineDetail({ entry: { type, data } }: { entry: { type: string; data?: unknown } }) {
  const entry = { type, data };
  let parts: string[] = [];
  let comment: string | undefined;
  if (isEventOf(entry, ['ProgressReported'])) {
    const { progress, percentComplete } = entry.data;
    parts = [PROGRESS_LABELS[progress], percentComplete === undefined ? '' : frenchPercent(percentComplete)];
    comment = entry.data.comment;
  } else if (isEventOf(entry, ['DeliverableProduced'])) parts = [entry.data.title];
  else if (isEventOf(entry, ['IndicatorMeasured']))
    parts = [
      `${entry.data.indicator} : ${frenchNumber(entry.data.value)}${entry.data.unit ? ` ${entry.data.unit}` : ''}`,
    ];
  else if (isEventOf(entry, ['ActionSuspended', 'ActionAbandoned'])) comment = entry.data.reason;
  const said = parts.filter(Boolean).join(' · ');
  if (!said && !comment) return null;
  return (
    <>
      {said ? <span> — {said}</span> : null}
      {comment ? <q className="timeline__comment">{comment}</q> : null}
    </>
  );
}
