import {
  emptyMeans,
  evolveMeans,
  FUNDING_FIGURE_LABELS,
  FUNDING_FIGURES,
  type FundingFigure,
  type FundingTotal,
  type FundingYear,
  fundingTotals,
  isEventOf,
  MEANS_EVENT_TYPES,
  type MeansState,
  staffTimeKey,
  toCents,
  totalFte,
} from '@cls/domain';
import type { RecordedEvent } from '@cls/event-store';
import { frenchEuros, frenchNumber, frenchPercent } from '@cls/french';
import { compareText } from './ordering.js';
import { block, figure, type ReportBlock, type ReportFigure } from './report-parts.js';
import { type AsOf, onOrBefore } from './time-axis.js';

/*
 * The figures of the contract's means in the annual report (annex 4, sections
 * 5, 11 and 12), from the means events of the contract's stream folded by the
 * domain's own rules: funders of the coordination with their share, staff time
 * per role, the budget realised in N and planned for N+1 — each figure with the
 * positions of the events that make it. A year without any means event says so,
 * never « 0 € ».
 */

/** The contract's means as of a day, each line, call and staff figure with the positions of its events. */
export interface MeansAsOf {
  state: MeansState;
  lineEvidence: Map<string, number[]>;
  staffEvidence: Map<string, number>;
}

/** The means of `contractId` known at the end of `asOf.date` on its clock. */
export function meansAsOf(events: readonly RecordedEvent[], contractId: string, asOf: AsOf): MeansAsOf {
  const inView = onOrBefore(asOf.date, asOf.time);
  const stream = `contract-${contractId}`;
  let state = emptyMeans();
  const lineEvidence = new Map<string, number[]>();
  const staffEvidence = new Map<string, number>();
  for (const event of events) {
    if (event.stream !== stream || !isEventOf(event, MEANS_EVENT_TYPES) || !inView(event)) continue;
    state = evolveMeans(state, event);
    if ('fundingLineId' in event.data) {
      const id = event.data.fundingLineId;
      lineEvidence.set(id, [...(lineEvidence.get(id) ?? []), event.position]);
    } else if (event.type === 'StaffTimeRecorded') {
      staffEvidence.set(
        staffTimeKey({ ...event.data, organisationId: event.data.organisation.organisationId }),
        event.position,
      );
    }
  }
  return { state, lineEvidence, staffEvidence };
}

/** « prévu 20 000 €, engagé 20 000 €, payé non renseigné ». */
const amountsText = (total: Partial<Record<FundingFigure, number>>, figures: readonly FundingFigure[]) =>
  figures
    .map(
      (name) =>
        `${FUNDING_FIGURE_LABELS[name].toLowerCase()} ${
          total[name] === undefined ? 'non renseigné' : frenchEuros(total[name])
        }`,
    )
    .join(', ');

interface LineOfYear {
  fundingLineId: string;
  funder: { organisationId: string; name: string };
  label: string;
  actionId?: string;
  amounts: FundingYear;
  evidence: number[];
}

/** The live lines with amounts for `year` (only the coordination's when asked). */
function linesOf(means: MeansAsOf, year: number, coordinationOnly = false): LineOfYear[] {
  return Object.entries(means.state.fundingLines)
    .filter(([, line]) => !line.withdrawn && (!coordinationOnly || line.actionId === undefined))
    .flatMap(([fundingLineId, line]) => {
      const amounts = line.amounts.find((each) => each.year === year);
      return amounts
        ? [
            {
              fundingLineId,
              funder: line.funder,
              label: line.label,
              ...(line.actionId !== undefined ? { actionId: line.actionId } : {}),
              amounts,
              evidence: means.lineEvidence.get(fundingLineId) ?? [],
            },
          ]
        : [];
    })
    .sort((a, b) => compareText(a.funder.name, b.funder.name) || compareText(a.label, b.label));
}

/** Per funder: its lines of the year and their total (summed in cents by the domain's rule). */
function byFunder(lines: LineOfYear[]) {
  const funders = new Map<string, { name: string; lines: LineOfYear[] }>();
  for (const line of lines) {
    const entry = funders.get(line.funder.organisationId) ?? { name: line.funder.name, lines: [] };
    entry.lines.push(line);
    funders.set(line.funder.organisationId, entry);
  }
  return [...funders.entries()].map(([organisationId, { name, lines: ofFunder }]) => ({
    organisationId,
    name,
    lines: ofFunder,
    total: (fundingTotals(ofFunder.map((line) => ({ amounts: [line.amounts] })))[0] ?? {
      year: 0,
      lines: 0,
    }) satisfies FundingTotal,
    evidence: ofFunder.flatMap((line) => line.evidence),
  }));
}

const lineDetail = (line: LineOfYear, figures: readonly FundingFigure[]) =>
  `${line.label}${line.actionId ? ` (action ${line.actionId})` : ' (coordination)'} : ${amountsText(line.amounts, figures)}`;

/** The live lines recorded without any yearly amount (a commitment whose source dates none). */
function unquantified(means: MeansAsOf, section: 5 | 12): ReportFigure[] {
  return Object.entries(means.state.fundingLines)
    .filter(
      ([, line]) =>
        !line.withdrawn && line.amounts.length === 0 && (section === 12 || line.actionId === undefined),
    )
    .map(([fundingLineId, line]) =>
      figure(
        `${section}.sans-montant.${fundingLineId}`,
        line.funder.name,
        'montant annuel non renseigné',
        means.lineEvidence.get(fundingLineId) ?? [],
        {
          details: [
            `${line.label}${line.actionId ? ` (action ${line.actionId})` : ' (coordination)'}`,
            ...(line.source ? [`Source : ${line.source}`] : []),
          ],
        },
      ),
    )
    .sort((a, b) => compareText(a.label, b.label) || compareText(a.key, b.key));
}

const SHARE_OF: Record<FundingFigure, string> = { planned: 'prévus', committed: 'engagés', paid: 'payés' };

/**
 * Section 5: the funders of the coordination in `year`, each with its share of
 * the year's funding, and those committed without a yearly amount.
 */
export function coordinationFunders(
  means: MeansAsOf,
  year: number,
): { block: ReportBlock; answered: boolean } {
  const lines = linesOf(means, year, true);
  const withoutAmount = unquantified(means, 5);
  if (lines.length === 0 && withoutAmount.length === 0)
    return {
      block: block(
        '5.financeurs-coordination',
        'Financeurs de la coordination',
        [
          figure(
            '5.financeurs-coordination',
            `Financeurs de la coordination en ${year}`,
            `aucun financement de la coordination enregistré pour ${year}`,
            [],
          ),
        ],
        null,
      ),
      answered: false,
    };
  const funders = byFunder(lines);
  // The share of each funder: of the amounts paid if every funder's is known, else committed, else planned.
  const basis = FUNDING_FIGURES.slice()
    .reverse()
    .find((name) => funders.every((funder) => funder.total[name] !== undefined));
  const all =
    basis === undefined ? 0 : funders.reduce((sum, funder) => sum + toCents(funder.total[basis] ?? 0), 0);
  const quantified = funders.map((funder) =>
    figure(
      `5.financeur.${funder.organisationId}`,
      funder.name,
      amountsText(funder.total, FUNDING_FIGURES),
      funder.evidence,
      {
        number: basis === undefined ? null : (funder.total[basis] ?? null),
        details: [
          ...(basis !== undefined && all > 0
            ? [
                `Part des financements ${SHARE_OF[basis]} de la coordination : ${frenchPercent(
                  Math.round((toCents(funder.total[basis] ?? 0) * 1000) / all) / 10,
                )}`,
              ]
            : []),
          ...funder.lines.map((line) => lineDetail(line, FUNDING_FIGURES)),
        ],
      },
    ),
  );
  return {
    block: block(
      '5.financeurs-coordination',
      'Financeurs de la coordination',
      [...quantified, ...withoutAmount],
      lines.length === 0
        ? `Aucun montant de la coordination enregistré pour ${year} : ses financeurs s’y sont engagés sans montant annuel.`
        : `Lignes de financement de la coordination enregistrées pour ${year} ; une part n’est donnée que si chaque financeur a son montant.`,
    ),
    answered: true,
  };
}

/**
 * Section 11: the staff time of the year, per role and organisation, and its
 * total; none that year, the latest year before it that has some, said so.
 */
export function staffTimeBlock(means: MeansAsOf, year: number): { block: ReportBlock; answered: boolean } {
  const known = Object.values(means.state.staffTime).filter((time) => time.year <= year && time.fte > 0);
  if (known.length === 0)
    return {
      block: block(
        '11.temps-de-travail',
        `Temps de travail (ETP) en ${year}`,
        [
          figure(
            '11.etp',
            `Temps de travail en ${year}`,
            `aucun temps de travail enregistré pour ${year}`,
            [],
          ),
        ],
        null,
      ),
      answered: false,
    };
  const shownYear = Math.max(...known.map((time) => time.year));
  const times = Object.entries(means.state.staffTime)
    .filter(([, time]) => time.year === shownYear && time.fte > 0)
    .map(([key, time]) => ({ ...time, position: means.staffEvidence.get(key) ?? 0 }))
    .sort((a, b) => compareText(a.organisation.name, b.organisation.name) || compareText(a.role, b.role));
  const total = totalFte(times);
  return {
    block: block(
      '11.temps-de-travail',
      shownYear === year
        ? `Temps de travail (ETP) en ${year}`
        : `Temps de travail (ETP) en ${shownYear}, dernière année renseignée`,
      [
        ...times.map((time) =>
          figure(
            `11.etp.${time.organisation.organisationId}.${time.role}`,
            `${time.role} — ${time.organisation.name}`,
            `${frenchNumber(time.fte)} ETP`,
            [time.position],
            { number: time.fte, details: time.source ? [`Source : ${time.source}`] : [] },
          ),
        ),
        figure(
          '11.etp.total',
          `Total en ${shownYear}`,
          `${frenchNumber(total)} ETP`,
          times.map((time) => time.position),
          { number: total },
        ),
      ],
      shownYear === year
        ? 'Équivalents temps plein par fonction et organisation, tels qu’enregistrés.'
        : `Aucun temps de travail enregistré pour ${year} : voici celui de ${shownYear}, la dernière année renseignée.`,
    ),
    answered: true,
  };
}

/**
 * Section 12: the budget realised in `year` (planned, committed, paid) and the
 * one planned for `year + 1`, and the lines recorded without a yearly amount.
 */
export function budgetBlocks(means: MeansAsOf, year: number): { blocks: ReportBlock[]; answered: boolean } {
  const budget = (ofYear: number, figures: readonly FundingFigure[], title: string, none: string) => {
    const lines = linesOf(means, ofYear);
    if (lines.length === 0)
      return block(`12.budget.${ofYear}`, title, [figure(`12.budget.${ofYear}`, title, none, [])], null);
    const funders = byFunder(lines);
    const total = fundingTotals(lines.map((line) => ({ amounts: [line.amounts] })))[0];
    const last = figures[figures.length - 1] as FundingFigure;
    return block(
      `12.budget.${ofYear}`,
      title,
      [
        ...funders.map((funder) =>
          figure(
            `12.budget.${ofYear}.${funder.organisationId}`,
            funder.name,
            amountsText(funder.total, figures),
            funder.evidence,
            {
              number: funder.total[last] ?? null,
              details: funder.lines.map((line) => lineDetail(line, figures)),
            },
          ),
        ),
        figure(
          `12.budget.${ofYear}.total`,
          `Total ${ofYear}`,
          amountsText(total ?? {}, figures),
          lines.flatMap((line) => line.evidence),
          { number: total?.[last] ?? null },
        ),
      ],
      'Lignes de financement enregistrées (actions et coordination), sommées au centime ; un montant inconnu est « non renseigné », jamais 0.',
    );
  };
  const blocks = [
    budget(
      year,
      ['planned', 'committed', 'paid'],
      `Budget réalisé ${year}`,
      `aucun financement enregistré pour ${year}`,
    ),
    budget(
      year + 1,
      ['planned'],
      `Budget prévisionnel ${year + 1}`,
      `aucun financement prévu enregistré pour ${year + 1}`,
    ),
  ];
  const withoutAmount = unquantified(means, 12);
  if (withoutAmount.length > 0)
    blocks.push(
      block(
        '12.sans-montant',
        'Financements sans montant annuel',
        withoutAmount,
        'Lignes enregistrées sans montant par année (leur source n’en date aucun) : elles ne comptent dans aucun total.',
      ),
    );
  const answered = blocks.some((each) => each.figures.some((f) => f.evidence.length > 0));
  return { blocks, answered };
}
