import { aggregateIndicator, type IndicatorDefinition, type IndicatorMeasure } from '@cls/domain';
import type { Pool } from '@cls/postgres';
import { LiveTables } from '../../live-tables.js';
import { indicatorsProjection } from './projection.js';

/** An indicator's figure for a year: its measures aggregated by its rule, against the year's target. */
export interface IndicatorYear {
  year: number;
  /** null: nothing measured (« non renseigné », never 0). */
  value: number | null;
  /** null: no target for the year. */
  target: number | null;
  measures: number;
}

export interface IndicatorCatalogueRow extends IndicatorDefinition {
  indicatorId: string;
  years: IndicatorYear[];
}

/** Fiche codes such as `1.10` after `1.9`, then the rank of the indicator in its fiche. */
const naturalOrder = (code: string) =>
  code
    .split(/[^0-9]+/)
    .filter(Boolean)
    .map(Number);
const byCode = (a: string, b: string) => {
  const [left, right] = [naturalOrder(a), naturalOrder(b)];
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? -1) - (right[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return a.localeCompare(b);
};

export class IndicatorsQueries {
  private readonly tables: LiveTables;

  constructor(pool: Pool) {
    this.tables = new LiveTables(pool, indicatorsProjection.name);
  }

  /**
   * A contract's catalogue, each indicator with its figure per year (the years
   * it was measured or has a target), aggregated by its own rule — a rate is
   * never added (see `aggregateIndicator`); a ratio divides the two
   * indicators' figures of the same year.
   */
  async catalogue(contractId: string): Promise<IndicatorCatalogueRow[]> {
    const [definitions, measures] = await Promise.all([
      this.tables.query<{ indicatorId: string; position: string; definition: IndicatorDefinition }>(
        (schema) =>
          `SELECT indicator_id AS "indicatorId", position::text AS position, definition
             FROM ${schema}.indicators WHERE contract_id = $1 ORDER BY position`,
        [contractId],
      ),
      this.tables.query<{ indicatorId: string; year: number; value: number; measuredOn: string }>(
        (schema) =>
          `SELECT indicator_id AS "indicatorId", year, value, measured_on::text AS "measuredOn"
             FROM ${schema}.measures WHERE contract_id = $1 ORDER BY position`,
        [contractId],
      ),
    ]);
    const measuresOf = new Map<string, Map<number, IndicatorMeasure[]>>();
    for (const { indicatorId, year, value, measuredOn } of measures) {
      const years = measuresOf.get(indicatorId) ?? new Map<number, IndicatorMeasure[]>();
      years.set(year, [...(years.get(year) ?? []), { value, measuredOn }]);
      measuresOf.set(indicatorId, years);
    }
    const byId = new Map(definitions.map((row) => [row.indicatorId, row.definition]));
    const figureOf = (indicatorId: string, year: number, depth = 0): number | undefined => {
      const definition = byId.get(indicatorId);
      if (!definition || depth > 5) return undefined;
      return aggregateIndicator(definition, measuresOf.get(indicatorId)?.get(year) ?? [], (other) =>
        figureOf(other, year, depth + 1),
      );
    };
    return definitions
      .map(({ indicatorId, definition }) => {
        const measured = measuresOf.get(indicatorId) ?? new Map<number, IndicatorMeasure[]>();
        const ratio = typeof definition.aggregation === 'object' ? definition.aggregation.ratio : undefined;
        const years = new Set([
          ...definition.targets.map((target) => target.year),
          ...measured.keys(),
          ...(ratio ? [...(measuresOf.get(ratio.numerator)?.keys() ?? [])] : []),
        ]);
        return {
          indicatorId,
          ...definition,
          years: [...years]
            .sort((a, b) => a - b)
            .map((year) => ({
              year,
              value: figureOf(indicatorId, year) ?? null,
              target: definition.targets.find((target) => target.year === year)?.value ?? null,
              measures: measured.get(year)?.length ?? 0,
            })),
        };
      })
      .sort((a, b) => byCode(a.ficheCode, b.ficheCode));
  }
}
