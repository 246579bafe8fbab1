import {
  aggregateIndicator,
  compareCodes,
  type IndicatorDefinition,
  type IndicatorMeasure,
  isRateIndicator,
} from '@cls/domain';
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
  /** The revision of the contract's stream: what an edit form sends as `expectedRevision`. */
  revision: number;
}

/**
 * A measure named by its free label only (before the catalogue): each action's
 * latest value of each year, and their total only where adding them means
 * something — never for a rate (`isRateIndicator`).
 */
export interface UncataloguedSeries {
  label: string;
  unit: string | null;
  years: Array<{
    year: number;
    /** null: a rate, or nothing to add (« non renseigné »). */
    total: number | null;
    actions: Array<{ actionId: string; code: string; value: number }>;
  }>;
}

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
    const [definitions, measures, revisions] = await Promise.all([
      this.tables.query<{ indicatorId: string; position: string; definition: IndicatorDefinition }>(
        (schema) =>
          `SELECT indicator_id AS "indicatorId", position::text AS position, definition
             FROM ${schema}.indicators WHERE contract_id = $1 ORDER BY position`,
        [contractId],
      ),
      this.tables.query<{ indicatorId: string; year: number; value: number; measuredOn: string }>(
        (schema) =>
          `SELECT indicator_id AS "indicatorId", year, value, measured_on::text AS "measuredOn"
             FROM ${schema}.measures WHERE contract_id = $1 AND indicator_id IS NOT NULL ORDER BY position`,
        [contractId],
      ),
      this.tables.query<{ revision: number }>(
        (schema) => `SELECT revision FROM ${schema}.contract_revisions WHERE contract_id = $1`,
        [contractId],
      ),
    ]);
    const revision = revisions[0]?.revision ?? 0;
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
          revision,
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
      .sort((a, b) => compareCodes(a.ficheCode, b.ficheCode));
  }

  /** Measures named by their free label only, by label and year, each action's latest value. */
  async uncatalogued(contractId: string): Promise<UncataloguedSeries[]> {
    const rows = await this.tables.query<{
      label: string;
      unit: string | null;
      year: number;
      actionId: string;
      code: string;
      value: number;
    }>(
      (schema) =>
        `SELECT DISTINCT ON (label, year, action_id) label, unit, year, action_id AS "actionId", action_code AS code, value
           FROM ${schema}.measures WHERE contract_id = $1 AND indicator_id IS NULL
          ORDER BY label, year, action_id, measured_on DESC, position DESC`,
      [contractId],
    );
    const series = new Map<string, UncataloguedSeries>();
    for (const { label, unit, year, actionId, code, value } of rows) {
      const entry = series.get(label) ?? { label, unit: null, years: [] };
      entry.unit ??= unit;
      let row = entry.years.find((candidate) => candidate.year === year);
      if (!row) {
        row = { year, total: null, actions: [] };
        entry.years.push(row);
      }
      row.actions.push({ actionId, code, value });
      series.set(label, entry);
    }
    for (const entry of series.values()) {
      const rate = isRateIndicator({ label: entry.label, unit: entry.unit ?? undefined });
      for (const row of entry.years) {
        row.actions.sort((a, b) => compareCodes(a.code, b.code));
        row.total = rate ? null : row.actions.reduce((total, action) => total + action.value, 0);
      }
    }
    return [...series.values()];
  }
}
