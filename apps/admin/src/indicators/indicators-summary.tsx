import type { IndicatorDirection } from '@cls/domain';
import { frenchNumber } from '@cls/french';
import { Link } from '../router.js';
import { Chart } from '../shared/chart.js';
import { targetStatus } from './indicators-page.js';

interface Row {
  indicatorId: string;
  ficheCode: string;
  label: string;
  unit?: string;
  direction: IndicatorDirection | null;
  years: Array<{ year: number; value: number | null; target: number | null }>;
}

/**
 * The dashboard's view of the catalogue: how many indicators, with a target,
 * measured; each measured indicator's last figure against its target; and, for
 * those with both, how far the figure is from its target (as a percentage of
 * the target: one scale for indicators of different units).
 */
export function IndicatorsSummary({ contractId, rows }: { contractId: string; rows: Row[] }) {
  const latest = rows.flatMap((row) => {
    const last = row.years.filter((year) => year.value !== null).at(-1);
    return last ? [{ row, last }] : [];
  });
  const withTarget = rows.filter((row) => row.years.some((year) => year.target !== null)).length;
  const compared = latest.filter(({ last }) => last.target !== null && last.target !== 0);
  return (
    <>
      <p>
        {rows.length} indicateur{rows.length > 1 ? 's' : ''} au catalogue, {withTarget} avec une cible,{' '}
        {latest.length} mesuré{latest.length > 1 ? 's' : ''}.{' '}
        <Link to={`/contrats/${contractId}/indicateurs`}>Voir et compléter le catalogue</Link>
      </p>
      {latest.length === 0 ? (
        <p>Aucune mesure enregistrée.</p>
      ) : (
        <table className="table table--stacked" data-testid="dashboard-indicators">
          <caption className="visually-hidden">
            Dernière valeur de chaque indicateur mesuré, face à sa cible
          </caption>
          <thead>
            <tr>
              <th scope="col">Indicateur</th>
              <th scope="col">Année</th>
              <th scope="col">Valeur</th>
              <th scope="col">Cible</th>
              <th scope="col">Atteinte</th>
            </tr>
          </thead>
          <tbody>
            {latest.map(({ row, last }) => (
              <tr key={row.indicatorId}>
                <th scope="row">
                  {row.ficheCode} — {row.label}
                  {row.unit ? ` (${row.unit})` : ''}
                </th>
                <td data-label="Année">{last.year}</td>
                <td data-label="Valeur">
                  {last.value === null ? 'non renseigné' : frenchNumber(last.value)}
                </td>
                <td data-label="Cible">
                  {last.target === null ? 'non renseignée' : frenchNumber(last.target)}
                </td>
                <td data-label="Atteinte">{targetStatus(row, last.value, last.target)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {compared.length > 0 ? (
        <Chart
          title="Indicateurs face à leur cible (valeur en % de la cible)"
          data={{
            categoryLabel: 'Indicateur',
            series: [
              { key: 'share', label: 'Valeur en % de la cible', kind: 'bar', tone: 1 },
              { key: 'goal', label: 'Cible (100 %)', kind: 'line', tone: 2 },
            ],
            rows: compared.map(({ row, last }) => ({
              category: `${row.ficheCode} ${row.label}`,
              share: Math.round(((last.value ?? 0) / (last.target ?? 1)) * 1000) / 10,
              goal: 100,
            })),
            format: (value) => `${frenchNumber(value)} %`,
          }}
        />
      ) : null}
    </>
  );
}
