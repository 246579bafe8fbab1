import { EVALUATION_STATUS_LABELS, PROGRESS_WEIGHT_RULE, type UserRole } from '@cls/domain';
import { count, frenchDate, frenchEuros, frenchList, onFrenchDate } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Bar } from '../contracts/dashboard-page.js';
import { Link } from '../router.js';
import { Chart } from '../shared/chart.js';
import { CONTRACT_STATUS_LABELS } from '../shared/labels.js';
import './portfolio.css';

const UNKNOWN = 'non renseigné';
const euros = (amount: number | null) => (amount === null ? UNKNOWN : frenchEuros(amount));

// maplibre is large: fetched only once the portfolio is shown.
const PortfolioMapLazy = lazy(() => import('./portfolio-map.js'));

/** The catalogue against its targets, in words: what is unknown is said so, never 0. */
function indicatorsSentence(indicators: {
  total: number;
  withTarget: number;
  measuredAgainstTarget: number;
  judged: number;
  met: number;
}): string {
  if (indicators.total === 0) return 'aucun indicateur au catalogue';
  const catalogue = `${count(indicators.total, 'indicateur')} au catalogue`;
  if (indicators.withTarget === 0) return `${catalogue}, cible ${UNKNOWN}`;
  const measured = indicators.measuredAgainstTarget;
  const reached =
    measured === 0
      ? `aucun mesuré une année ciblée`
      : `${measured} mesuré${measured > 1 ? 's' : ''} une année ciblée, dont ${indicators.met} atteignant sa cible${
          indicators.judged < measured
            ? ` (${measured - indicators.judged} sans sens de progression : ${UNKNOWN})`
            : ''
        }`;
  return `${catalogue}, ${indicators.withTarget} avec une cible, ${reached}`;
}

type Grants = ReadonlyArray<{ role: UserRole; scope: { departments?: string[] } }>;

/** Who the portfolio is for, in a sentence: the ARS's departments, or every contract. */
function scopeSentence(grants: Grants, contracts: number): string {
  const departments = [
    ...new Set(grants.flatMap((grant) => (grant.role === 'ars' ? (grant.scope.departments ?? []) : []))),
  ].sort();
  const all = grants.some((grant) => grant.role === 'admin' || grant.role === 'auditor');
  const shown = count(contracts, 'contrat');
  if (!all && departments.length > 0)
    return `${shown} dont le territoire est dans ${departments.length > 1 ? 'les départements' : 'le département'} ${frenchList(departments)}.`;
  return all ? `${shown} : tous ceux de la plateforme.` : `${shown} : ceux qui vous sont confiés.`;
}

/**
 * The ARS's view across contracts (admins and auditors see it over all of them): for each
 * readable contract its progress per axis, late actions, last and next COPIL, evaluation,
 * funding and indicators against target, and their territories on a map.
 */
/**
 * The PRS objectives of annex 2 the contracts name (their union: the platform knows no
 * other), each with the contracts in scope serving it, and those none of them covers.
 */
function PrsObjectives() {
  const trpc = useTRPC();
  const objectives = useQuery(trpc.board.prsObjectives.queryOptions());
  if (objectives.isPending) return <p>Chargement des objectifs du PRS…</p>;
  if (objectives.isError) return <p role="alert">{objectives.error.message}</p>;
  const uncovered = objectives.data.filter((objective) => objective.contracts.length === 0);
  const plans = [...new Set(objectives.data.map((objective) => objective.plan))];
  return (
    <section aria-labelledby="portfolio-prs-title" data-testid="portfolio-prs">
      <h2 id="portfolio-prs-title">Objectifs du projet régional de santé (annexe 2)</h2>
      <p className="hint">
        La liste : les engagements et défis des tableaux de l’annexe 2 que nomment les fiches-actions des
        contrats de la plateforme — elle ne connaît pas d’autre objectif.
      </p>
      {objectives.data.length === 0 ? (
        <p>Aucune fiche-action ne nomme d’objectif de l’annexe 2.</p>
      ) : (
        <p data-testid="portfolio-prs-summary">
          {count(objectives.data.length, 'objectif')} nommé{objectives.data.length > 1 ? 's' : ''},{' '}
          {uncovered.length === 0
            ? 'tous servis par au moins un contrat de votre périmètre.'
            : `dont ${uncovered.length} qu’aucun contrat de votre périmètre ne sert.`}
        </p>
      )}
      {plans.map((plan) => (
        <div key={plan}>
          <h3 className="portfolio__subtitle">{plan}</h3>
          <ul className="portfolio__prs">
            {objectives.data
              .filter((objective) => objective.plan === plan)
              .map((objective) => (
                <li key={`${objective.engagement}.${objective.defi}`}>
                  <strong>
                    Engagement {objective.engagement}, défi {objective.defi}
                  </strong>{' '}
                  — {objective.label}
                  <br />
                  {objective.contracts.length === 0 ? (
                    <span className="badge badge--abandoned">aucun contrat de votre périmètre</span>
                  ) : (
                    objective.contracts.map((contract, index) => (
                      <span key={contract.contractId}>
                        {index > 0 ? ' ; ' : ''}
                        <Link to={`/contrats/${encodeURIComponent(contract.contractId)}/plan`}>
                          {contract.name}
                        </Link>{' '}
                        <span className="muted">
                          (fiche{contract.fiches.length > 1 ? 's' : ''} {frenchList(contract.fiches)})
                        </span>
                      </span>
                    ))
                  )}
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

export function PortfolioPage({ grants }: { grants: Grants }) {
  const trpc = useTRPC();
  const portfolio = useQuery(trpc.board.portfolio.queryOptions());
  if (portfolio.isPending) return <p>Chargement du portefeuille…</p>;
  if (portfolio.isError) return <p role="alert">{portfolio.error.message}</p>;
  const contracts = portfolio.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link>
      </p>
      <h1>Portefeuille des contrats</h1>
      <p data-testid="portfolio-scope">{scopeSentence(grants, contracts.length)}</p>
      <p className="hint">Avancement : {PROGRESS_WEIGHT_RULE}</p>
      {contracts.length === 0 ? (
        <p className="notice">Aucun contrat ne se trouve dans votre périmètre.</p>
      ) : null}

      <section aria-labelledby="portfolio-map-title">
        <h2 id="portfolio-map-title">Territoires des contrats</h2>
        <Suspense fallback={<p className="muted">Chargement de la carte…</p>}>
          <PortfolioMapLazy
            territories={contracts.map((contract) => ({
              contractId: contract.contractId,
              name: contract.name,
              communes: contract.communes,
            }))}
          />
        </Suspense>
        <ul className="plain-list" data-testid="portfolio-map-legend">
          {contracts.map((contract) => (
            <li key={contract.contractId}>
              <Link to={`/contrats/${encodeURIComponent(contract.contractId)}`}>{contract.name}</Link>
              {' — '}
              {contract.communes.length > 0
                ? `${count(contract.communes.length, 'commune')} (département${contract.departments.length > 1 ? 's' : ''} ${frenchList(contract.departments)})`
                : 'territoire non renseigné : absent de la carte'}
            </li>
          ))}
        </ul>
      </section>

      {contracts.some((contract) => contract.funding) ? (
        <section aria-labelledby="portfolio-funding-title">
          <h2 id="portfolio-funding-title">Financements prévus et versés</h2>
          <Chart
            title="Financements prévus et versés par contrat, sur toute leur période"
            hint="Les lignes de financement enregistrées ; un contrat sans ligne : non renseigné."
            data={{
              categoryLabel: 'Contrat',
              series: [
                { key: 'planned', label: 'Prévus', kind: 'bar', tone: 1 },
                { key: 'paid', label: 'Versés', kind: 'bar', tone: 3 },
              ],
              rows: contracts.map((contract) => ({
                category: contract.name,
                planned: contract.funding?.planned ?? null,
                paid: contract.funding?.paid ?? null,
              })),
              format: frenchEuros,
            }}
          />
        </section>
      ) : null}

      <ul className="cards portfolio" data-testid="portfolio">
        {contracts.map((contract) => {
          const href = `/contrats/${encodeURIComponent(contract.contractId)}`;
          const titleId = `portfolio-${contract.contractId}`;
          return (
            <li key={contract.contractId} className="card portfolio__card" aria-labelledby={titleId}>
              <h2 className="card__title" id={titleId}>
                <Link to={href}>{contract.name}</Link>
              </h2>
              <p>
                {contract.territory} · {contract.periodStart}–{contract.periodEnd} ·{' '}
                <span className={`badge badge--${contract.status}`}>
                  {CONTRACT_STATUS_LABELS[contract.status]}
                </span>
                {contract.signedOn ? ` ${onFrenchDate(contract.signedOn, contract.signedOnPrecision)}` : ''}
              </p>
              <dl className="facts">
                <dt>Actions en retard</dt>
                <dd data-testid="portfolio-late">
                  {contract.lateActions === 0 ? (
                    'aucune'
                  ) : (
                    <Link to={`${href}#late-title`}>{count(contract.lateActions, 'action')}</Link>
                  )}
                </dd>
                <dt>Dernier COPIL</dt>
                <dd>
                  {contract.lastCopil
                    ? `${frenchDate(contract.lastCopil.on)} (${contract.lastCopil.title})`
                    : 'aucun tenu'}
                </dd>
                <dt>Prochain COPIL</dt>
                <dd>
                  {contract.nextCopil
                    ? `${frenchDate(contract.nextCopil.on)} (${contract.nextCopil.title})`
                    : 'aucun prévu'}
                </dd>
                <dt>Évaluation annuelle</dt>
                <dd>
                  {contract.evaluation ? (
                    <Link to={`${href}/evaluation`}>
                      {contract.evaluation.year} :{' '}
                      {EVALUATION_STATUS_LABELS[contract.evaluation.status].toLowerCase()}
                      {contract.evaluation.publishedOn
                        ? ` le ${frenchDate(contract.evaluation.publishedOn)}`
                        : ''}
                    </Link>
                  ) : (
                    'aucune ouverte'
                  )}
                </dd>
                <dt>Financements prévus / versés</dt>
                <dd data-testid="portfolio-funding">
                  {contract.funding
                    ? `${euros(contract.funding.planned)} prévus, ${euros(contract.funding.paid)} versés`
                    : UNKNOWN}
                </dd>
                <dt>Indicateurs face à leur cible</dt>
                <dd data-testid="portfolio-indicators">{indicatorsSentence(contract.indicators)}</dd>
              </dl>
              <h3 className="portfolio__subtitle">Avancement par axe</h3>
              {contract.axes.length === 0 ? (
                <p className="muted">Aucun axe au plan.</p>
              ) : (
                <ul className="plain-list portfolio__axes">
                  {contract.axes.map((axis) => (
                    <li key={axis.code}>
                      <span>
                        Axe {axis.code} — {axis.title}{' '}
                        <span className="muted">({count(axis.actions, 'action')})</span>
                      </span>
                      <Bar ratio={axis.progress} label={`Axe ${axis.code}`} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>

      <PrsObjectives />
    </>
  );
}
