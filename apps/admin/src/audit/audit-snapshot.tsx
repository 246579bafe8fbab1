import { count, frenchDate } from '@cls/french';
import { useTRPC } from '@cls/web';
import { skipToken, useQuery } from '@tanstack/react-query';
import { type ReactNode, useId } from 'react';
import { EvidenceLink } from './audit-evidence-link.js';
import type { TimeAxis } from './audit-labels.js';

export interface AsOfQuestion {
  contractId: string;
  date: string;
  time: TimeAxis;
}

/** A contract as of a day, folded by the server from the log alone (packages/audit). */
export function useContractAsOf(question: AsOfQuestion | undefined) {
  const trpc = useTRPC();
  return useQuery(trpc.audit.asOf.queryOptions(question ?? skipToken));
}

type Snapshot = NonNullable<ReturnType<typeof useContractAsOf>['data']>;

/**
 * Before the contract's first event, said as the annual report says a year before
 * it (packages/audit `nothingRecordedBy`), on the question's clock.
 */
const nothingAsOf = ({ date, time }: Snapshot['asOf']) =>
  time === 'occurred'
    ? `Aucun événement du contrat n’est daté du ${frenchDate(date)} ou avant : il a été rédigé plus tard, le journal n’a rien à dire de ce jour.`
    : `Aucun événement du contrat n’était enregistré dans le journal à la fin du ${frenchDate(date)} : le journal n’a rien à dire de ce jour.`;

/** A part of the snapshot: its title, and what it holds or that it holds nothing. */
function Part({ title, empty, children }: { title: string; empty: string | false; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="audit-part">
      <h3 id={id}>{title}</h3>
      {empty ? <p className="muted">{empty}</p> : children}
    </section>
  );
}

/** The status badge and the events that set it. */
function Status({ status, label, evidence }: { status: string; label: string; evidence: number[] }) {
  return (
    <>
      <span className={`badge badge--${status}`}>{label}</span>{' '}
      <span className="audit-evidence">
        (<EvidenceLink positions={evidence} about={`État : ${label}`} />)
      </span>
    </>
  );
}

/**
 * The contract as the log knew or held it that day: the contract itself, its
 * plan (axes, fiches), actions with their status and deliverables, conventions,
 * meetings, evaluations and recorded facts; each element linked to its events.
 */
export function SnapshotView({ snapshot }: { snapshot: Snapshot }) {
  if (!snapshot.contract.exists)
    return (
      <p className="audit-report__nothing" data-testid="audit-snapshot-nothing">
        {nothingAsOf(snapshot.asOf)}
      </p>
    );
  return (
    <div className="audit-snapshot" data-testid="audit-snapshot">
      <p className="muted">
        Reconstitué de {count(snapshot.eventCount, 'événement')}
        {snapshot.lastPosition === null ? '' : `, jusqu’au n° ${snapshot.lastPosition}`}.
        {snapshot.implied.length > 0 ? (
          <>
            {' '}
            Dont des événements datés après ce jour mais qu’un événement du jour suppose (la définition d’une
            action, de sa fiche…) : <EvidenceLink positions={snapshot.implied} about="Événements supposés" />.
          </>
        ) : null}
      </p>
      <ContractPart contract={snapshot.contract} />
      <PlanPart snapshot={snapshot} />
      <ActionsPart actions={snapshot.actions} />
      <DeliverablesPart actions={snapshot.actions} />
      <ConventionsPart conventions={snapshot.conventions} />
      <MeetingsPart meetings={snapshot.meetings} />
      <EvaluationsPart evaluations={snapshot.evaluations} />
      <FactsPart facts={snapshot.facts} />
    </div>
  );
}

function ContractPart({ contract }: { contract: Snapshot['contract'] }) {
  return (
    <Part title="Contrat" empty={false}>
      <dl className="facts">
        <dt>État</dt>
        <dd data-testid="audit-contract-status">
          <Status status={contract.status} label={contract.statusLabel} evidence={contract.statusEvidence} />
        </dd>
        <dt>Intitulé</dt>
        <dd>{contract.name}</dd>
        <dt>Territoire</dt>
        <dd>{contract.territory?.name ?? '—'}</dd>
        <dt>Période</dt>
        <dd>{contract.period ? `${contract.period.start}–${contract.period.end}` : '—'}</dd>
        {/* « Signé le 2024 » misreads a year-only date: the label follows the precision. */}
        <dt>{contract.signedOnPrecision === 'day' || !contract.signedOn ? 'Signé le' : 'Signé en'}</dt>
        <dd>{frenchDate(contract.signedOn, contract.signedOnPrecision)}</dd>
        <dt>Signataires</dt>
        <dd>
          {contract.signatories.length === 0
            ? '—'
            : contract.signatories.map((signatory) => signatory.organisation).join(', ')}
        </dd>
        <dt>Avenants</dt>
        <dd>
          {contract.amendments.length === 0 ? (
            '—'
          ) : (
            <ul className="plain-list">
              {contract.amendments.map((amendment) => (
                <li key={amendment.evidence.join()}>
                  {frenchDate(amendment.amendedOn)} : {amendment.summary}{' '}
                  <EvidenceLink positions={amendment.evidence} about={`Avenant du ${amendment.amendedOn}`} />
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Clos le</dt>
        <dd>{frenchDate(contract.closedOn)}</dd>
      </dl>
    </Part>
  );
}

function PlanPart({ snapshot }: { snapshot: Snapshot }) {
  return (
    <Part title="Axes et fiches-actions" empty={snapshot.axes.length === 0 && 'Aucun axe défini.'}>
      <ul className="audit-plan">
        {snapshot.axes.map((axis) => (
          <li key={axis.code}>
            <strong>
              Axe {axis.code} — {axis.title}
            </strong>{' '}
            <EvidenceLink positions={axis.evidence} about={`Axe ${axis.code}`} />
            <ul>
              {snapshot.fiches
                .filter((fiche) => fiche.axisCode === axis.code)
                .map((fiche) => (
                  <li key={fiche.code}>
                    {fiche.code} — {fiche.title}{' '}
                    <EvidenceLink positions={fiche.evidence} about={`Fiche-action ${fiche.code}`} />
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ul>
    </Part>
  );
}

function ActionsPart({ actions }: { actions: Snapshot['actions'] }) {
  return (
    <Part title={`Actions (${actions.length})`} empty={actions.length === 0 && 'Aucune action planifiée.'}>
      <table className="table table--stacked">
        <caption className="visually-hidden">Actions et leur état</caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Fiche-action</th>
            <th scope="col">État</th>
            <th scope="col">Avancement</th>
            <th scope="col">Livrables produits</th>
            <th scope="col">Événements</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((action) => {
            const planned = action.deliverables.filter((deliverable) => deliverable.planned);
            const produced = action.deliverables.filter((deliverable) => deliverable.producedOn);
            return (
              <tr key={action.actionId}>
                <th scope="row" data-label="Action">
                  <strong>{action.code}</strong> — {action.title}
                </th>
                <td data-label="Fiche-action">{action.ficheCode}</td>
                <td data-label="État">
                  <Status
                    status={action.status}
                    label={action.statusLabel}
                    evidence={action.statusEvidence}
                  />
                  {action.statusSince ? <> depuis le {frenchDate(action.statusSince)}</> : null}
                </td>
                <td data-label="Avancement">
                  {action.progress
                    ? `${action.progress.progressLabel}${action.progress.percentComplete === null ? '' : ` (${action.progress.percentComplete} %)`}`
                    : '—'}
                </td>
                <td data-label="Livrables produits">
                  {produced.length} / {planned.length} prévu{planned.length > 1 ? 's' : ''}
                </td>
                <td data-label="Événements">
                  <EvidenceLink positions={action.evidence} about={`Action ${action.code}`} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Part>
  );
}

function DeliverablesPart({ actions }: { actions: Snapshot['actions'] }) {
  const produced = actions.flatMap((action) =>
    action.deliverables
      .filter((deliverable) => deliverable.producedOn)
      .map((deliverable) => ({ action, deliverable })),
  );
  return (
    <Part title="Livrables produits" empty={produced.length === 0 && 'Aucun livrable produit à cette date.'}>
      <table className="table table--stacked">
        <caption className="visually-hidden">Livrables produits</caption>
        <thead>
          <tr>
            <th scope="col">Livrable</th>
            <th scope="col">Action</th>
            <th scope="col">Produit le</th>
            <th scope="col">Événements</th>
          </tr>
        </thead>
        <tbody>
          {produced.map(({ action, deliverable }) => (
            <tr key={`${action.actionId}/${deliverable.deliverableId}`}>
              <th scope="row" data-label="Livrable">
                {deliverable.title}
                {deliverable.planned ? '' : ' (non prévu)'}
              </th>
              <td data-label="Action">{action.code}</td>
              <td data-label="Produit le">{frenchDate(deliverable.producedOn)}</td>
              <td data-label="Événements">
                <EvidenceLink positions={deliverable.evidence} about={`Livrable ${deliverable.title}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Part>
  );
}

function ConventionsPart({ conventions }: { conventions: Snapshot['conventions'] }) {
  return (
    <Part title="Conventions" empty={conventions.length === 0 && 'Aucune convention.'}>
      <table className="table table--stacked">
        <caption className="visually-hidden">Conventions et leurs signatures</caption>
        <thead>
          <tr>
            <th scope="col">Convention</th>
            <th scope="col">État</th>
            <th scope="col">Signatures</th>
            <th scope="col">Événements</th>
          </tr>
        </thead>
        <tbody>
          {conventions.map((convention) => (
            <tr key={convention.conventionId}>
              <th scope="row" data-label="Convention">
                {convention.title}
              </th>
              <td data-label="État">
                <Status
                  status={convention.status}
                  label={convention.statusLabel}
                  evidence={convention.statusEvidence}
                />
              </td>
              <td data-label="Signatures">
                {convention.signatures.length === 0
                  ? '—'
                  : convention.signatures
                      .map((signature) => `${signature.party} le ${frenchDate(signature.signedOn)}`)
                      .join(' ; ')}
              </td>
              <td data-label="Événements">
                <EvidenceLink positions={convention.evidence} about={convention.title} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Part>
  );
}

function MeetingsPart({ meetings }: { meetings: Snapshot['meetings'] }) {
  return (
    <Part title="Réunions des instances" empty={meetings.length === 0 && 'Aucune réunion.'}>
      <table className="table table--stacked">
        <caption className="visually-hidden">Réunions des instances</caption>
        <thead>
          <tr>
            <th scope="col">Réunion</th>
            <th scope="col">État</th>
            <th scope="col">Date</th>
            <th scope="col">Événements</th>
          </tr>
        </thead>
        <tbody>
          {meetings.map((meeting) => (
            <tr key={meeting.meetingId}>
              <th scope="row" data-label="Réunion">
                {meeting.body} — {meeting.title}
              </th>
              <td data-label="État">
                <Status
                  status={meeting.status}
                  label={meeting.statusLabel}
                  evidence={meeting.statusEvidence}
                />
              </td>
              <td data-label="Date">{frenchDate(meeting.heldOn ?? meeting.scheduledOn)}</td>
              <td data-label="Événements">
                <EvidenceLink positions={meeting.evidence} about={meeting.title} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Part>
  );
}

function EvaluationsPart({ evaluations }: { evaluations: Snapshot['evaluations'] }) {
  return (
    <Part title="Évaluations annuelles" empty={evaluations.length === 0 && 'Aucune évaluation ouverte.'}>
      <ul className="plain-list">
        {evaluations.map((evaluation) => (
          <li key={evaluation.evaluationId}>
            {evaluation.year} :{' '}
            <Status
              status={evaluation.status}
              label={evaluation.statusLabel}
              evidence={evaluation.statusEvidence}
            />{' '}
            — {count(evaluation.results.length, 'résultat coté', 'résultats cotés')}
          </li>
        ))}
      </ul>
    </Part>
  );
}

function FactsPart({ facts }: { facts: Snapshot['facts'] }) {
  return (
    <Part title="Faits consignés" empty={facts.length === 0 && 'Aucun fait consigné.'}>
      <table className="table table--stacked">
        <caption className="visually-hidden">Faits consignés au journal</caption>
        <thead>
          <tr>
            <th scope="col">Fait</th>
            <th scope="col">Date</th>
            <th scope="col">Nature</th>
            <th scope="col">Événements</th>
          </tr>
        </thead>
        <tbody>
          {facts.map((fact) => (
            <tr key={fact.factId}>
              <th scope="row" data-label="Fait">
                {fact.subject}
              </th>
              <td data-label="Date">
                {frenchDate(fact.date)}
                {fact.inferred ? ' (date déduite)' : ''}
              </td>
              <td data-label="Nature">{fact.planned ? 'annoncé' : 'accompli'}</td>
              <td data-label="Événements">
                <EvidenceLink positions={fact.evidence} about={fact.subject} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Part>
  );
}
