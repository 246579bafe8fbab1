import { Component, lazy, type ReactNode, Suspense, useId } from 'react';
import type { ChartData } from './chart-canvas.js';

export type { ChartData, ChartSeries } from './chart-canvas.js';

// recharts is large: fetched only by the pages that draw a chart; the data table shows at once.
const ChartCanvas = lazy(() => import('./chart-canvas.js'));

/** A chart that cannot draw (no SVG measurements, a script error) leaves its data table. */
class ChartErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/** A figure of the table: a value the data does not have is « non renseigné », never 0. */
export const chartCell = (value: number | null, format: (value: number) => string) =>
  value === null ? 'non renseigné' : format(value);

/**
 * A chart where people would rather look than read, and its data table as the
 * accessible alternative (the same rows, every value, unknown ones « non
 * renseigné »): the drawing is an image named by the title, the table is one
 * keystroke away under « Tableau des données ». Bars for amounts, lines for a
 * target or a series over time.
 */
export function Chart<K extends string>({
  title,
  data,
  hint,
}: {
  title: string;
  data: ChartData<K>;
  hint?: ReactNode;
}) {
  const id = useId();
  const format = data.format ?? ((value: number) => value.toLocaleString('fr-FR'));
  const empty = data.rows.every((row) => data.series.every((series) => row[series.key] === null));
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart__title">
        {title}
      </figcaption>
      {hint ? <p className="hint">{hint}</p> : null}
      {empty ? (
        <p className="muted">Aucune valeur renseignée : rien à tracer.</p>
      ) : (
        <div
          className="chart__drawing"
          role="img"
          aria-label={`${title} : graphique, les mêmes valeurs sont dans le tableau des données`}
        >
          <ChartErrorBoundary>
            <Suspense fallback={<p className="muted">Chargement du graphique…</p>}>
              <ChartCanvas data={data} format={format} />
            </Suspense>
          </ChartErrorBoundary>
        </div>
      )}
      <details className="chart__data" open={empty}>
        <summary className="chart__summary">Tableau des données</summary>
        <table className="table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{data.categoryLabel}</th>
              {data.series.map((series) => (
                <th scope="col" key={series.key}>
                  {series.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.category}>
                <th scope="row">{row.category}</th>
                {data.series.map((series) => (
                  <td key={series.key}>{chartCell(row[series.key], format)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
