import {
  CALL_OUTCOME_LABELS,
  CALL_OUTCOMES,
  type CallOutcome,
  FUNDING_FIGURE_LABELS,
  FUNDING_FIGURES,
  type FundingTotal,
  PlanFundingLineSchema,
  RecordCallForProjectsSchema,
  RecordFundingAmountsSchema,
  RecordStaffTimeSchema,
  UpdateCallForProjectsSchema,
  UpdateFundingLineSchema,
  WithdrawFundingLineSchema,
} from '@cls/domain';
import { frenchDate, frenchEuros, frenchNumber } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '../router.js';
import { Chart, type ChartData } from '../shared/chart.js';
import { CommandForm, type FormField } from '../shared/command-form.js';
import { slugOf, thisYear } from '../shared/labels.js';
import './means.css';

const UNKNOWN = 'non renseigné';
const euros = (value: number | undefined) => (value === undefined ? UNKNOWN : frenchEuros(value));

/** The `amounts.0.…` inputs of a form as the command's list of one year (none when nothing is typed). */
function withAmounts(input: Record<string, unknown>): Record<string, unknown> {
  const { amounts, ...rest } = input;
  if (amounts === undefined || typeof amounts !== 'object' || amounts === null) return rest;
  return { ...rest, amounts: Object.values(amounts) };
}

/** A total's row: every figure, an unknown one « non renseigné ». */
function TotalCells({ total }: { total: Partial<FundingTotal> }) {
  return (
    <>
      {FUNDING_FIGURES.map((figure) => (
        <td key={figure} data-label={FUNDING_FIGURE_LABELS[figure]} className="number">
          {euros(total[figure])}
        </td>
      ))}
    </>
  );
}

/** The contract's means: funding lines (per year, per funder, totals), calls for projects, staff time. */
export function MeansPage({ contractId, canCommand }: { contractId: string; canCommand: boolean }) {
  const trpc = useTRPC();
  const means = useQuery(trpc.board.means.queryOptions({ contractId }));
  const overview = useQuery(trpc.board.overview.queryOptions({ contractId }));
  const actions = useQuery(trpc.board.actions.queryOptions({ contractId }));
  const organisations = useQuery({
    ...trpc.board.organisations.queryOptions({ limit: 1000 }),
    enabled: canCommand,
  });
  const plan = useMutation(trpc.means.planFundingLine.mutationOptions());
  const record = useMutation(trpc.means.recordFundingAmounts.mutationOptions());
  const withdraw = useMutation(trpc.means.withdrawFundingLine.mutationOptions());
  const correct = useMutation(trpc.means.updateFundingLine.mutationOptions());
  const recordCall = useMutation(trpc.means.recordCallForProjects.mutationOptions());
  const updateCall = useMutation(trpc.means.updateCallForProjects.mutationOptions());
  const recordStaff = useMutation(trpc.means.recordStaffTime.mutationOptions());

  if (means.isPending || overview.isPending) return <p>Chargement…</p>;
  if (means.isError) return <p role="alert">{means.error.message}</p>;
  if (overview.isError) return <p role="alert">{overview.error.message}</p>;
  const { contract } = overview.data;
  const { fundingLines, totals, byFunder, callsForProjects, staffTime, staffTotals } = means.data;
  const live = fundingLines.filter((line) => !line.withdrawn);
  const currentYear = String(Math.min(Math.max(thisYear(), contract.periodStart), contract.periodEnd));
  const funderOptions = [...(organisations.data ?? [])]
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
    .map((organisation): [string, string] => [organisation.id, organisation.name]);
  const liveActions = actions.data ?? [];
  const actionOptions = liveActions.map((action): [string, string] => [
    action.actionId,
    `${action.code} — ${action.title}`,
  ]);
  const lineOptions = live.map((line): [string, string] => [
    line.fundingLineId,
    `${line.funder.name} — ${line.label}${line.action ? ` (action ${line.action.code})` : ' (coordination)'}`,
  ]);
  const amountFields = (prefix: string): FormField[] =>
    FUNDING_FIGURES.map((figure) => ({
      name: `${prefix}${figure}`,
      label: `Montant ${FUNDING_FIGURE_LABELS[figure].toLowerCase()} (€)`,
      type: 'number',
      hint: 'en euros, ex. 12 500,50 ; vide : non renseigné',
    }));
  const chart: ChartData<'planned' | 'committed' | 'paid'> = {
    categoryLabel: 'Année',
    series: [
      { key: 'planned', label: 'Prévu', kind: 'bar', tone: 1 },
      { key: 'committed', label: 'Engagé', kind: 'bar', tone: 2 },
      { key: 'paid', label: 'Payé', kind: 'bar', tone: 3 },
    ],
    rows: totals.map((total) => ({
      category: String(total.year),
      planned: total.planned ?? null,
      committed: total.committed ?? null,
      paid: total.paid ?? null,
    })),
    format: frenchEuros,
  };

  return (
    <div className="means">
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link> › <Link to={`/contrats/${contractId}`}>{contract.name}</Link>
      </p>
      <h1>Moyens du contrat</h1>
      <p className="hint">
        Financements, appels à projets et temps de travail : ce que le rapport annuel demande (annexe 4,
        sections 5, 11 et 12). Un montant inconnu est « non renseigné », jamais 0.
      </p>

      <section aria-labelledby="funding-title">
        <h2 id="funding-title">Financements</h2>
        {totals.length === 0 ? (
          <p data-testid="funding-empty">Aucun financement enregistré pour ce contrat.</p>
        ) : (
          <Chart title="Financements par année" data={chart} />
        )}

        {byFunder.length > 0 ? (
          <table className="table table--stacked" data-testid="funding-by-funder">
            <caption>Par financeur et par année</caption>
            <thead>
              <tr>
                <th scope="col">Financeur</th>
                <th scope="col">Année</th>
                {FUNDING_FIGURES.map((figure) => (
                  <th scope="col" key={figure}>
                    {FUNDING_FIGURE_LABELS[figure]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {byFunder.flatMap(({ funder, totals: ofFunder }) =>
                ofFunder.map((total) => (
                  <tr key={`${funder.organisationId}-${total.year}`}>
                    <th scope="row">{funder.name}</th>
                    <td data-label="Année">{total.year}</td>
                    <TotalCells total={total} />
                  </tr>
                )),
              )}
            </tbody>
          </table>
        ) : null}

        {fundingLines.length > 0 ? (
          <table className="table table--stacked" data-testid="funding-lines">
            <caption>Lignes de financement</caption>
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col">Financeur</th>
                <th scope="col">Finance</th>
                <th scope="col">Montants par année</th>
              </tr>
            </thead>
            <tbody>
              {fundingLines.map((line) => (
                <tr key={line.fundingLineId} className={line.withdrawn ? 'muted' : undefined}>
                  <th scope="row">
                    {line.label}
                    {line.withdrawn ? ' (retirée)' : ''}
                    {line.source ? <span className="means__source">Source : {line.source}</span> : null}
                  </th>
                  <td data-label="Financeur">{line.funder.name}</td>
                  <td data-label="Finance">
                    {line.action ? (
                      <Link to={`/actions/${encodeURIComponent(line.action.actionId)}`}>
                        Action {line.action.code}
                      </Link>
                    ) : (
                      'La coordination'
                    )}
                  </td>
                  <td data-label="Montants par année">
                    {line.amounts.length === 0 ? (
                      UNKNOWN
                    ) : (
                      <ul className="means__amounts">
                        {line.amounts.map((amounts) => (
                          <li key={amounts.year}>
                            {amounts.year} : prévu {euros(amounts.planned)}, engagé {euros(amounts.committed)}
                            , payé {euros(amounts.paid)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}

        {canCommand ? (
          <div className="means__forms">
            <CommandForm
              id="ajouter-financement"
              title="Ajouter une ligne de financement"
              schema={PlanFundingLineSchema}
              fields={[
                {
                  name: 'funderId',
                  label: 'Financeur',
                  type: 'select',
                  options: funderOptions,
                  hint: 'une organisation du répertoire (menu « Organisations » pour en ajouter une)',
                },
                {
                  name: 'actionId',
                  label: 'Ce qu’elle finance',
                  type: 'select',
                  options: actionOptions,
                  hint: 'vide : la coordination du contrat',
                },
                { name: 'label', label: 'Intitulé', hint: 'ex. Financement CLSM (labellisation)' },
                { name: 'source', label: 'Source (facultatif)', hint: 'une convention, un appel à projets…' },
                {
                  name: 'amounts.0.year',
                  label: 'Année',
                  type: 'number',
                  initial: currentYear,
                  hint: `de ${contract.periodStart} à ${contract.periodEnd}`,
                },
                ...amountFields('amounts.0.'),
              ]}
              fixed={{ contractId }}
              transform={(input) => ({
                ...withAmounts(input),
                fundingLineId: `${contractId}.financement-${slugOf(String(input.label ?? '')).slice(0, 40)}-${Date.now().toString(36)}`,
              })}
              mutation={plan}
              submitLabel="Ajouter la ligne"
            />
            {live.length > 0 ? (
              <CommandForm
                id="renseigner-montants"
                title="Renseigner les montants d’une année"
                schema={RecordFundingAmountsSchema}
                fields={[
                  {
                    name: 'fundingLineId',
                    label: 'Ligne de financement',
                    type: 'select',
                    options: lineOptions,
                  },
                  {
                    name: 'year',
                    label: 'Année',
                    type: 'number',
                    initial: currentYear,
                    hint: `de ${contract.periodStart} à ${contract.periodEnd}`,
                  },
                  ...amountFields(''),
                ]}
                fixed={{ contractId }}
                mutation={record}
                submitLabel="Enregistrer les montants"
              />
            ) : null}
            {live.length > 0 ? (
              <CommandForm
                title="Corriger une ligne de financement"
                schema={UpdateFundingLineSchema}
                fields={[
                  {
                    name: 'fundingLineId',
                    label: 'Ligne de financement',
                    type: 'select',
                    options: lineOptions,
                  },
                  {
                    name: 'funderId',
                    label: 'Nouveau financeur (facultatif)',
                    type: 'select',
                    options: funderOptions,
                  },
                  {
                    name: 'actionId',
                    label: 'Ce qu’elle finance désormais (facultatif)',
                    type: 'select',
                    options: [['coordination', 'La coordination du contrat'], ...actionOptions],
                    parse: (text) => (text === 'coordination' ? null : text),
                  },
                  { name: 'label', label: 'Nouvel intitulé (facultatif)' },
                  { name: 'source', label: 'Nouvelle source (facultatif)' },
                ]}
                fixed={{ contractId }}
                mutation={correct}
                submitLabel="Corriger la ligne"
              />
            ) : null}
            {live.length > 0 ? (
              <CommandForm
                title="Retirer une ligne saisie par erreur"
                schema={WithdrawFundingLineSchema}
                fields={[
                  {
                    name: 'fundingLineId',
                    label: 'Ligne de financement',
                    type: 'select',
                    options: lineOptions,
                  },
                  { name: 'reason', label: 'Motif', hint: 'ex. saisie en double' },
                ]}
                fixed={{ contractId }}
                mutation={withdraw}
                submitLabel="Retirer la ligne"
              />
            ) : null}
          </div>
        ) : null}
      </section>

      <section aria-labelledby="calls-title">
        <h2 id="calls-title">Appels à projets</h2>
        {callsForProjects.length === 0 ? (
          <p>Aucun appel à projets enregistré.</p>
        ) : (
          <table className="table table--stacked" data-testid="calls-for-projects">
            <caption className="visually-hidden">Appels à projets</caption>
            <thead>
              <tr>
                <th scope="col">Appel à projets</th>
                <th scope="col">Financeur</th>
                <th scope="col">Dates</th>
                <th scope="col">Montant disponible</th>
                <th scope="col">Actions candidates</th>
                <th scope="col">Issue</th>
              </tr>
            </thead>
            <tbody>
              {callsForProjects.map((call) => (
                <tr key={call.callForProjectsId}>
                  <th scope="row">{call.title}</th>
                  <td data-label="Financeur">{call.funder.name}</td>
                  <td data-label="Dates">
                    ouvert le {call.openedOn ? frenchDate(call.openedOn) : UNKNOWN}, clos le{' '}
                    {call.closesOn ? frenchDate(call.closesOn) : UNKNOWN}
                  </td>
                  <td data-label="Montant disponible">{euros(call.amountAvailable)}</td>
                  <td data-label="Actions candidates">
                    {call.actions.length === 0
                      ? 'aucune'
                      : call.actions.map((action) => action.code).join(', ')}
                  </td>
                  <td data-label="Issue">
                    {call.outcome ? CALL_OUTCOME_LABELS[call.outcome] : UNKNOWN}
                    {call.outcomeNote ? ` — ${call.outcomeNote}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canCommand ? (
          <div className="means__forms">
            <CommandForm
              title="Enregistrer un appel à projets"
              schema={RecordCallForProjectsSchema}
              fields={[
                { name: 'funderId', label: 'Financeur', type: 'select', options: funderOptions },
                { name: 'title', label: 'Intitulé' },
                { name: 'openedOn', label: 'Ouvert le (facultatif)', type: 'date' },
                { name: 'closesOn', label: 'Clos le (facultatif)', type: 'date' },
                { name: 'amountAvailable', label: 'Montant disponible (€, facultatif)', type: 'number' },
                {
                  name: 'actionIds',
                  label: 'Actions candidates (facultatif)',
                  type: 'list',
                  hint: `codes des actions, un par ligne, ex. ${liveActions[0]?.code ?? '1.1-A1'}`,
                },
                {
                  name: 'outcome',
                  label: 'Issue (facultatif)',
                  type: 'select',
                  options: CALL_OUTCOMES.map((outcome): [string, string] => [
                    outcome,
                    CALL_OUTCOME_LABELS[outcome],
                  ]),
                },
              ]}
              fixed={{ contractId }}
              transform={(input) => ({
                ...input,
                callForProjectsId: `${contractId}.aap-${slugOf(String(input.title ?? '')).slice(0, 40)}-${Date.now().toString(36)}`,
                ...(Array.isArray(input.actionIds)
                  ? {
                      actionIds: input.actionIds.map(
                        (code) => liveActions.find((action) => action.code === code)?.actionId ?? code,
                      ),
                    }
                  : {}),
              })}
              mutation={recordCall}
              submitLabel="Enregistrer l’appel à projets"
            />
            {callsForProjects.length > 0 ? (
              <CommandForm
                title="Renseigner l’issue d’un appel à projets"
                schema={UpdateCallForProjectsSchema}
                fields={[
                  {
                    name: 'callForProjectsId',
                    label: 'Appel à projets',
                    type: 'select',
                    options: callsForProjects.map((call): [string, string] => [
                      call.callForProjectsId,
                      call.title,
                    ]),
                  },
                  {
                    name: 'outcome',
                    label: 'Issue',
                    type: 'select',
                    options: CALL_OUTCOMES.map((outcome): [string, string] => [
                      outcome,
                      CALL_OUTCOME_LABELS[outcome satisfies CallOutcome],
                    ]),
                  },
                  { name: 'outcomeNote', label: 'Précision (facultatif)', type: 'textarea' },
                ]}
                fixed={{ contractId }}
                mutation={updateCall}
                submitLabel="Enregistrer l’issue"
              />
            ) : null}
          </div>
        ) : null}
      </section>

      <section aria-labelledby="staff-title">
        <h2 id="staff-title">Temps de travail (ETP)</h2>
        {staffTime.length === 0 ? (
          <p>Aucun temps de travail enregistré.</p>
        ) : (
          <table className="table table--stacked" data-testid="staff-time">
            <caption className="visually-hidden">
              Temps de travail par année, fonction et organisation
            </caption>
            <thead>
              <tr>
                <th scope="col">Année</th>
                <th scope="col">Fonction</th>
                <th scope="col">Organisation</th>
                <th scope="col">ETP</th>
              </tr>
            </thead>
            <tbody>
              {staffTime.map((time) => (
                <tr key={`${time.year}-${time.organisation.organisationId}-${time.role}`}>
                  <th scope="row">{time.year}</th>
                  <td data-label="Fonction">
                    {time.role}
                    {time.source ? <span className="means__source">Source : {time.source}</span> : null}
                  </td>
                  <td data-label="Organisation">{time.organisation.name}</td>
                  <td data-label="ETP" className="number">
                    {frenchNumber(time.fte)}
                  </td>
                </tr>
              ))}
              {staffTotals.map((total) => (
                <tr key={`total-${total.year}`} className="means__total">
                  <th scope="row">Total {total.year}</th>
                  <td data-label="Fonction">toutes</td>
                  <td data-label="Organisation">toutes</td>
                  <td data-label="ETP" className="number">
                    {frenchNumber(total.fte)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canCommand ? (
          <CommandForm
            title="Renseigner un temps de travail"
            schema={RecordStaffTimeSchema}
            fields={[
              {
                name: 'year',
                label: 'Année',
                type: 'number',
                initial: currentYear,
                hint: `de ${contract.periodStart} à ${contract.periodEnd}`,
              },
              { name: 'role', label: 'Fonction', hint: 'ex. Coordinateur·rice CLS' },
              { name: 'organisationId', label: 'Organisation', type: 'select', options: funderOptions },
              {
                name: 'fte',
                label: 'ETP',
                type: 'number',
                hint: 'équivalent temps plein, de 0 à 50, ex. 0,7 ; 0 : plus de temps cette année',
              },
              { name: 'source', label: 'Source (facultatif)' },
            ]}
            fixed={{ contractId }}
            mutation={recordStaff}
            submitLabel="Enregistrer le temps de travail"
          />
        ) : null}
      </section>
    </div>
  );
}
