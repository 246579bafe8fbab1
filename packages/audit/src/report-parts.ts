import { positions } from './ordering.js';

/*
 * The parts every section of the annual report is made of: figures, each with
 * the positions of the events that justify it, in titled blocks.
 */

export interface ReportFigure {
  /** Stable and unique in the report, e.g. `6.reunions-gouvernance`. */
  key: string;
  label: string;
  /** As printed, in French. */
  value: string;
  /** The number behind `value` when it is a count, an amount or a percentage. */
  number: number | null;
  /** Lines under the value: the items counted, decisions, justifications. */
  details: string[];
  /** The global positions of the events that justify it (none: the log holds nothing). */
  evidence: number[];
}

export interface ReportBlock {
  key: string;
  title: string;
  figures: ReportFigure[];
  note: string | null;
}

export const figure = (
  key: string,
  label: string,
  value: string,
  evidence: Iterable<number>,
  options: { number?: number | null; details?: string[] } = {},
): ReportFigure => ({
  key,
  label,
  value,
  number: options.number ?? null,
  details: options.details ?? [],
  evidence: positions(evidence),
});

export const block = (
  key: string,
  title: string,
  figures: ReportFigure[],
  note: string | null = null,
): ReportBlock => ({ key, title, figures, note });
