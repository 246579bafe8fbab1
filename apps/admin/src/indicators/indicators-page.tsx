import {
  AGGREGATION_LABELS,
  DefineIndicatorSchema,
  INDICATOR_DIRECTION_LABELS,
  INDICATOR_TYPE_LABELS,
  type IndicatorDefinition,
  targetMet,
  UpdateIndicatorSchema,
} from '@cls/domain';
import { frenchDate, frenchNumber } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from '../router.js';
import { Chart } from '../shared/chart.js';
import { CommandForm } from '../shared/command-form.js';
import { Disclosure } from '../shared/disclosure.js';
import { indicatorFields, withAggregation } from './indicator-fields.js';

const UNKNOWN = 'non renseigné';

/** How an indicator's measures make the year's figure, in words. */
export function ruleLabel(
  aggregation: IndicatorDefinition['aggregation'],
  labelOf: (indicatorId: string) => string,
) {
  if (typeof aggregation === 'string') return AGGREGATION_LABELS[aggregation];
  return `${AGGREGATION_LABELS.ratio} : ${labelOf(aggregation.ratio.numerator)} / ${labelOf(aggregation.ratio.denominator)}`;
}

/** Met, not met, or unknown (no figure, no target, no direction): said, never guessed. */
export function targetStatus(
  indicator: Pick<IndicatorDefinition, 'direction'>,
  value: number | null,
  target: number | null,
) {
  const met = targetMet(indicator.direction, value, target);
  if (met === undefined)
    return target === null ? 'pas de cible' : value === null ? 'non mesuré' : 'sens non renseigné';
  return met ? 'cible atteinte' : 'cible non atteinte';
}

/** A catalogue row as the board gives it: its definition and its figure per year against its target. */
interface CatalogueRow extends IndicatorDefinition {
  indicatorId: string;
  years: Array<{ year: number; value: number | null; target: number | null }>;
}

const figure = (value: number | null, unit?: string) =>
  value === null ? UNKNOWN : `${frenchNumber(value)}${unit ? ` ${unit}` : ''}`;

/** The contract's indicator catalogue: each indicator, its figures per year against its targets, and its edit form. */
export function IndicatorsPage({ contractId, canCommand }: { contractId: string; canCommand: boolean }) {
  const trpc = useTRPC();
  const catalogue = useQuery(trpc.board.indicatorCatalogue.queryOptions({ contractId }));
  const plan = useQuery(trpc.board.plan.queryOptions({ contractId }));
  const define = useMutation(trpc.contract.defineIndicator.mutationOptions());
  const update = useMutation(trpc.contract.updateIndicator.mutationOptions());
  if (catalogue.isPending || plan.isPending) return <p>Chargement…</p>;
  if (catalogue.isError) return <p role="alert">{catalogue.error.message}</p>;
  if (plan.isError) return <p role="alert">{plan.error.message}</p>;

  const indicators = catalogue.data;
  const fiches = plan.data.axes.flatMap((axis) => axis.fiches);
  const labelOf = (indicatorId: string) =>
    indicators.find((indicator) => indicator.indicatorId === indicatorId)?.label ?? indicatorId;
  const options = {
    fiches: fiches.map((fiche): [string, string] => [fiche.code, `${fiche.code} — ${fiche.title}`]),
    actions: fiches.flatMap((fiche) =>
      fiche.actionRows.map((action): [string, string] => [
        action.actionId,
        `${action.code} — ${action.title}`,
      ]),
    ),
    indicators: indicators.map((indicator): [string, string] => [indicator.indicatorId, indicator.label]),
  };
  const byFiche = fiches
    .map((fiche) => ({ fiche, rows: indicators.filter((indicator) => indicator.ficheCode === fiche.code) }))
    .filter(({ rows }) => rows.length > 0);
  const withTarget = indicators.filter((indicator) => indicator.targets.length > 0).length;
  const measured = indicators.filter((indicator) =>
    indicator.years.some((year) => year.value !== null),
  ).length;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link> ›{' '}
        <Link to={`/contrats/${contractId}`}>{plan.data.contract.name}</Link>
      </p>
      <h1>Indicateurs du contrat</h1>
      <p data-testid="catalogue-summary">
        {indicators.length} indicateur{indicators.length > 1 ? 's' : ''} au catalogue, dont {withTarget} avec
        une cible et {measured} mesuré{measured > 1 ? 's' : ''}.
      </p>
      <p className="hint">
        Chaque indicateur a sa règle de calcul sur l’année : somme des mesures, dernière valeur, moyenne, ou
        ratio de deux indicateurs. Un taux ne s’additionne jamais.
      </p>

      {canCommand ? (
        <Disclosure label="Définir un indicateur">
          <CommandForm
            title="Définir un indicateur"
            schema={DefineIndicatorSchema}
            fields={indicatorFields(options)}
            fixed={{ contractId }}
            transform={(input) => ({
              ...withAggregation(input),
              indicatorId: `${contractId}.${String(input.ficheCode ?? '')}.I${Date.now().toString(36)}`,
            })}
            mutation={define}
            submitLabel="Définir l’indicateur"
          />
        </Disclosure>
      ) : null}

      {byFiche.length === 0 ? <p>Aucun indicateur défini.</p> : null}
      {byFiche.map(({ fiche, rows }) => (
        <section key={fiche.code} aria-labelledby={`fiche-${fiche.code}`}>
          <h2 id={`fiche-${fiche.code}`}>
            Fiche {fiche.code} — {fiche.title}
          </h2>
          <ul className="indicators">
            {rows.map((indicator) => (
              <IndicatorCard
                key={indicator.indicatorId}
                indicator={indicator}
                ruleText={ruleLabel(indicator.aggregation, labelOf)}
                edit={
                  canCommand ? (
                    <Disclosure label={`Modifier « ${indicator.label} »`}>
                      <CommandForm
                        title={`Modifier l’indicateur « ${indicator.label} »`}
                        schema={UpdateIndicatorSchema}
                        fields={indicatorFields(options, indicator)}
                        fixed={{ contractId, indicatorId: indicator.indicatorId }}
                        transform={withAggregation}
                        mutation={update}
                        revision={indicator.revision}
                        submitLabel="Enregistrer les modifications"
                        keepValues
                      />
                    </Disclosure>
                  ) : null
                }
              />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** One line per indicator (its last figure against its target); its details, chart and edit form one click away. */
function IndicatorCard({
  indicator,
  ruleText,
  edit,
}: {
  indicator: CatalogueRow;
  ruleText: string;
  edit: ReactNode;
}) {
  const drawn = indicator.years.some((year) => year.value !== null || year.target !== null);
  const last = indicator.years.filter((year) => year.value !== null).at(-1);
  return (
    <li className="indicator" data-testid={`indicator-${indicator.indicatorId}`}>
      <details className="indicator__details" open={drawn}>
        <summary className="indicator__summary">
          <span className="indicator__label">{indicator.label}</span>{' '}
          <span className="muted">
            {last
              ? `${last.year} : ${figure(last.value, indicator.unit)} — ${targetStatus(indicator, last.value, last.target)}`
              : 'non mesuré'}
          </span>
        </summary>
        <dl className="facts">
          <dt>Type</dt>
          <dd>{indicator.kind ? INDICATOR_TYPE_LABELS[indicator.kind] : UNKNOWN}</dd>
          <dt>Unité</dt>
          <dd>{indicator.unit ?? UNKNOWN}</dd>
          <dt>Sens</dt>
          <dd>{indicator.direction ? INDICATOR_DIRECTION_LABELS[indicator.direction] : UNKNOWN}</dd>
          <dt>Règle</dt>
          <dd>{ruleText}</dd>
          <dt>Référence</dt>
          <dd>
            {indicator.baseline
              ? `${figure(indicator.baseline.value, indicator.unit)} au ${frenchDate(indicator.baseline.on)}${
                  indicator.baseline.source ? ` (${indicator.baseline.source})` : ''
                }`
              : UNKNOWN}
          </dd>
          <dt>Source</dt>
          <dd>{indicator.dataSource ?? UNKNOWN}</dd>
          <dt>Renseigné par</dt>
          <dd>{indicator.owner ?? UNKNOWN}</dd>
        </dl>
        {drawn ? (
          <Chart
            title={`${indicator.label} : valeur et cible par année`}
            data={{
              categoryLabel: 'Année',
              series: [
                { key: 'value', label: 'Valeur', kind: 'bar', tone: 1 },
                { key: 'target', label: 'Cible', kind: 'line', tone: 2 },
              ],
              rows: indicator.years.map((year) => ({
                category: String(year.year),
                value: year.value,
                target: year.target,
              })),
            }}
            hint={indicator.years
              .map((year) => `${year.year} : ${targetStatus(indicator, year.value, year.target)}`)
              .join(' · ')}
          />
        ) : (
          <p className="muted">Ni mesure ni cible : rien à comparer.</p>
        )}
        {edit}
      </details>
    </li>
  );
}
