import {
  bodyFrequency,
  isActionLate,
  isDecisionOverdue,
  PROGRESS_WEIGHT_RULE,
  SignContractSchema,
} from '@cls/domain';
import { frenchDate, frenchNumber, onFrenchDate } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useMutation, useQuery } from '@tanstack/react-query';
import { bodyFrequencyLabel } from '../governance/frequency.js';
import { IndicatorsSummary } from '../indicators/indicators-summary.js';
import { Link } from '../router.js';
import { Chart } from '../shared/chart.js';
import { CommandForm } from '../shared/command-form.js';
import { CONTRACT_STATUS_LABELS, percent, today } from '../shared/labels.js';
import { ContractSetupSection } from './contract-setup-section.js';
import { progressOverTime } from './progress-over-time.js';

/** A progress bar; an unknown progress (no action that counts, no percentage reported) says « non renseigné », never 0 %. */
export function Bar({ ratio, label }: { ratio: number | null; label: string }) {
  if (ratio === null)
    return (
      <div className="bar" role="img" aria-label={`${label} : avancement non renseigné`}>
        <span className="bar__value">non renseigné</span>
      </div>
    );
  return (
    <div className="bar" role="img" aria-label={`${label} : ${percent(ratio)}`}>
      <div className="bar__fill" style={{ width: `${Math.round(ratio * 100)}%` }} />
      <span className="bar__value">{percent(ratio)}</span>
    </div>
  );
}

/** A contract at a glance: progress by axis and fiche, deliverables per year, late actions. */
export function DashboardPage({ contractId, canCommand }: { contractId: string; canCommand: boolean }) {
  const trpc = useTRPC();
  const overview = useQuery(trpc.board.overview.queryOptions({ contractId }));
  const actions = useQuery(trpc.board.actions.queryOptions({ contractId }));
  const sign = useMutation(trpc.contract.sign.mutationOptions());
  const meetings = useQuery(trpc.board.meetings.queryOptions({ contractId }));
  const catalogue = useQuery(trpc.board.indicatorCatalogue.queryOptions({ contractId }));
  const uncatalogued = useQuery(trpc.board.uncataloguedMeasures.queryOptions({ contractId }));
  const bodies = useQuery(trpc.board.governanceBodies.queryOptions({ contractId }));
  // The parties the draft expects to sign: the signature form starts from them.
  const setup = useQuery(trpc.board.contractSetup.queryOptions({ contractId }));
  const upcoming = (meetings.data ?? []).filter(
    (meeting) => meeting.status === 'scheduled' && meeting.scheduledOn >= today(),
  );
  if (overview.isPending) return <p>Chargement…</p>;
  if (overview.isError) return <p role="alert">{overview.error.message}</p>;
  const { contract, axes, deliverablesByYear } = overview.data;
  const late = (actions.data ?? []).filter((action) =>
    isActionLate(action.status, { years: action.plannedYears, uncertain: action.yearsUncertain }, today()),
  );
  const day = today();
  const overdueDecisions = (meetings.data ?? []).flatMap((meeting) =>
    meeting.decisions
      .filter((decision) => isDecisionOverdue(decision, day))
      .map((decision) => ({ meeting, decision })),
  );
  const frequencies = (bodies.data ?? []).map((body) => ({
    body,
    frequency: bodyFrequency({
      meetingsPerYear: body.meetingsPerYear,
      heldOn: (meetings.data ?? []).flatMap((meeting) =>
        meeting.body === body.body && meeting.heldOn ? [meeting.heldOn] : [],
      ),
      contract: {
        status: contract.status,
        period: { start: contract.periodStart, end: contract.periodEnd },
        signedOn: contract.signedOn,
      },
      today: day,
    }),
  }));
  const unmet = frequencies.filter(({ frequency }) => frequency.kind === 'overdue');
  const unknown = frequencies.filter(({ frequency }) => frequency.kind === 'unknown_frequency');

  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link>
      </p>
      <h1>{contract.name}</h1>
      <p>
        {contract.territory} · {contract.periodStart}–{contract.periodEnd} ·{' '}
        <span
          className={`badge badge--${contract.status}`}
          data-testid="contract-status"
          id="contract-status"
        >
          {CONTRACT_STATUS_LABELS[contract.status]}
        </span>
        {contract.signedOn ? ` ${onFrenchDate(contract.signedOn, contract.signedOnPrecision)}` : ''}
      </p>
      <nav aria-label="Pilotage du contrat" className="contract-nav">
        <Link to={`/contrats/${contractId}/actions`} className="button">
          Tableau des actions
        </Link>
        <Link to={`/contrats/${contractId}/plan`} className="button button--secondary">
          Plan d’action
        </Link>
        {contract.status !== 'draft' ? (
          <Link to={`/contrats/${contractId}/avenants`} className="button button--secondary">
            Avenants
          </Link>
        ) : null}
        <Link to={`/contrats/${contractId}/conventions`} className="button button--secondary">
          Conventions
        </Link>
        <Link to={`/contrats/${contractId}/instances`} className="button button--secondary">
          Instances
        </Link>
        <Link to={`/contrats/${contractId}/indicateurs`} className="button button--secondary">
          Indicateurs
        </Link>
        <Link to={`/contrats/${contractId}/moyens`} className="button button--secondary">
          Moyens
        </Link>
        <Link to={`/contrats/${contractId}/evaluation`} className="button button--secondary">
          Évaluation annuelle
        </Link>
      </nav>

      <ContractSetupSection contract={contract} canCommand={canCommand} />

      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">Prochaines réunions</h2>
        {upcoming.length === 0 ? (
          <p>Aucune réunion programmée.</p>
        ) : (
          <ul>
            {upcoming.map((meeting) => (
              <li key={meeting.meetingId}>
                {frenchDate(meeting.scheduledOn)} — {meeting.body} : {meeting.title}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="overdue-decisions-title">
        <h2 id="overdue-decisions-title">Décisions en retard</h2>
        {overdueDecisions.length === 0 ? (
          <p>Aucune décision dont l’échéance est passée sans qu’elle soit faite ou abandonnée.</p>
        ) : (
          <ul data-testid="overdue-decisions">
            {overdueDecisions.map(({ meeting, decision }) => (
              <li key={`${meeting.meetingId}/${decision.decisionId}`}>
                <Link to={`/contrats/${contractId}/instances`}>{decision.text}</Link> — échéance{' '}
                {frenchDate(decision.dueOn)},{' '}
                {decision.owner ?? decision.ownerPerson ?? 'porteur non renseigné'} ({meeting.body} du{' '}
                {frenchDate(meeting.heldOn ?? meeting.scheduledOn)})
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="unmet-bodies-title">
        <h2 id="unmet-bodies-title">Instances qui ne se sont pas réunies à la fréquence prévue</h2>
        {unmet.length === 0 ? (
          <p>
            {frequencies.length === 0
              ? 'Aucune instance définie.'
              : 'Aucune : chaque instance dont la fréquence est connue s’est réunie comme prévu.'}
          </p>
        ) : (
          <ul data-testid="unmet-bodies">
            {unmet.map(({ body, frequency }) => (
              <li key={body.body}>
                <Link to={`/contrats/${contractId}/instances`}>{body.body}</Link> :{' '}
                {bodyFrequencyLabel(frequency)}
              </li>
            ))}
          </ul>
        )}
        {unknown.length > 0 ? (
          <p className="hint">
            Fréquence non renseignée, donc non suivie : {unknown.map(({ body }) => body.body).join(', ')}.
          </p>
        ) : null}
      </section>

      {contract.status === 'draft' && canCommand && setup.data ? (
        <CommandForm
          // Drawn again when a correction changed the parties it starts from.
          key={setup.data.parties.map((party) => party.organisation).join('\n')}
          id="signature"
          title="Enregistrer la signature du contrat"
          resultId="contract-status"
          schema={SignContractSchema}
          fields={[
            { name: 'signedOn', label: 'Date de signature', type: 'date', initial: today() },
            {
              name: 'signatories',
              label: 'Signataires',
              type: 'list',
              hint: 'Une organisation par ligne ; la liste part des parties du contrat',
              initial: setup.data.parties.map((party) => party.organisation).join('\n'),
              parse: (text) =>
                text
                  .split('\n')
                  .map((line) => line.trim())
                  .filter(Boolean)
                  .map((organisation) => ({ organisation })),
            },
          ]}
          fixed={{ contractId }}
          mutation={sign}
          submitLabel="Enregistrer la signature"
        />
      ) : null}

      <section aria-labelledby="progress-title">
        <h2 id="progress-title">Avancement par axe et fiche-action</h2>
        <p className="hint">{PROGRESS_WEIGHT_RULE}</p>
        {axes.map((axis) => (
          <div key={axis.code} className="axis">
            <h3>
              Axe {axis.code} — {axis.title}{' '}
              <span className="muted">
                ({axis.completed}/{axis.counted} actions réalisées)
              </span>
            </h3>
            <Bar ratio={axis.progress} label={`Axe ${axis.code}`} />
            <ul className="fiches">
              {axis.fiches.map((fiche) => (
                <li key={fiche.code}>
                  <span>
                    Fiche {fiche.code} — {fiche.title}
                  </span>
                  <Bar ratio={fiche.progress} label={`Fiche ${fiche.code}`} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>

      <section aria-labelledby="over-time-title">
        <h2 id="over-time-title">Avancement dans le temps</h2>
        <Chart
          title="Actions démarrées et réalisées, en cumul à la fin de chaque année"
          hint="D’après les dates de démarrage et de réalisation enregistrées ; une action abandonnée n’est pas comptée comme réalisée."
          data={{
            categoryLabel: 'Année',
            series: [
              { key: 'started', label: 'Démarrées', kind: 'line', tone: 1 },
              { key: 'completed', label: 'Réalisées', kind: 'line', tone: 3 },
            ],
            rows: progressOverTime(
              actions.data ?? [],
              { start: contract.periodStart, end: contract.periodEnd },
              day,
            ).map((row) => ({ category: String(row.year), started: row.started, completed: row.completed })),
          }}
        />
      </section>

      <section aria-labelledby="deliverables-title">
        <h2 id="deliverables-title">Livrables prévus et produits par année</h2>
        <Chart
          title="Livrables prévus et produits par année"
          data={{
            categoryLabel: 'Année',
            series: [
              { key: 'planned', label: 'Prévus', kind: 'bar', tone: 1 },
              { key: 'produced', label: 'Produits', kind: 'bar', tone: 3 },
            ],
            rows: deliverablesByYear.map((row) => ({
              category: row.year === null ? 'Année incertaine' : String(row.year),
              planned: row.planned,
              produced: row.produced,
            })),
          }}
        />
      </section>

      <section aria-labelledby="indicators-title">
        <h2 id="indicators-title">Indicateurs</h2>
        <IndicatorsSummary contractId={contractId} rows={catalogue.data ?? []} />
        {(uncatalogued.data ?? []).length > 0 ? (
          <>
            <h3>Mesures hors catalogue</h3>
            <p className="hint">
              Nommées par leur seul libellé : la valeur de chaque action, et leur total pour un compte
              seulement (un taux ne s’additionne pas).
            </p>
            <table className="table table--stacked">
              <caption className="visually-hidden">Mesures hors catalogue, par année et par action</caption>
              <thead>
                <tr>
                  <th scope="col">Indicateur</th>
                  <th scope="col">Année</th>
                  <th scope="col">Par action</th>
                  <th scope="col">Total</th>
                </tr>
              </thead>
              <tbody>
                {uncatalogued.data?.flatMap((series) =>
                  series.years.map((year) => (
                    <tr key={`${series.label}-${year.year}`}>
                      <th scope="row">
                        {series.label}
                        {series.unit ? ` (${series.unit})` : ''}
                      </th>
                      <td data-label="Année">{year.year}</td>
                      <td data-label="Par action">
                        {year.actions
                          .map((action) => `${action.code} : ${frenchNumber(action.value)}`)
                          .join(' · ')}
                      </td>
                      <td data-label="Total">
                        {year.total === null ? 'sans objet (taux)' : frenchNumber(year.total)}
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </>
        ) : null}
      </section>

      <section aria-labelledby="late-title">
        <h2 id="late-title">Actions en retard sur leurs années prévues</h2>
        {late.length === 0 ? (
          <p>Aucune (les actions dont le calendrier est incertain ne sont pas comptées).</p>
        ) : (
          <ul>
            {late.map((action) => (
              <li key={action.actionId}>
                <Link to={`/actions/${action.actionId}`}>
                  {action.code} — {action.title}
                </Link>{' '}
                (prévue jusqu’en {Math.max(...action.plannedYears)})
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
