import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

export interface ChartSeries<K extends string> {
  key: K;
  label: string;
  /** Bars for amounts and counts; a line for a target or a series over time. */
  kind: 'bar' | 'line';
  /** The palette's colours, by rank: see `.chart` in admin.css. */
  tone: 1 | 2 | 3 | 4;
}

export interface ChartData<K extends string> {
  /** The first column's header: « Année », « Indicateur »… */
  categoryLabel: string;
  series: ChartSeries<K>[];
  /** One row per category, a value per series; null: not known (no bar, « non renseigné » in the table). */
  rows: Array<{ category: string } & Record<K, number | null>>;
  format?: (value: number) => string;
}

const TONES = { 1: 'var(--chart-1)', 2: 'var(--chart-2)', 3: 'var(--chart-3)', 4: 'var(--chart-4)' };

/** The drawing itself (recharts, loaded with the first chart). No animation: what is shown is what is measured. */
export default function ChartCanvas<K extends string>({
  data,
  format,
}: {
  data: ChartData<K>;
  format: (value: number) => string;
}) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <ComposedChart data={data.rows} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="var(--grey-900)" vertical={false} />
        <XAxis dataKey="category" tick={{ fill: 'var(--grey-200)', fontSize: 12 }} />
        <YAxis tickFormatter={format} tick={{ fill: 'var(--grey-200)', fontSize: 12 }} width={64} />
        <Tooltip
          formatter={(value) => (typeof value === 'number' ? format(value) : 'non renseigné')}
          isAnimationActive={false}
          // Long labels wrap inside the chart instead of running past a phone's edge.
          wrapperStyle={{ maxWidth: '100%' }}
          contentStyle={{ whiteSpace: 'normal' }}
        />
        <Legend itemSorter={null} />
        {data.series.map((series) =>
          series.kind === 'bar' ? (
            <Bar
              key={series.key}
              dataKey={series.key}
              name={series.label}
              fill={TONES[series.tone]}
              isAnimationActive={false}
            />
          ) : (
            <Line
              key={series.key}
              dataKey={series.key}
              name={series.label}
              stroke={TONES[series.tone]}
              strokeWidth={2}
              connectNulls={false}
              isAnimationActive={false}
            />
          ),
        )}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
