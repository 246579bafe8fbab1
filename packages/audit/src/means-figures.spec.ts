import type { RecordedEvent } from '@cls/event-store';
import { describe, expect, it } from 'vitest';
import { replay, type ScriptedCommand } from '../test/replay.js';
import { CDH, demoLog } from '../test/scenario.js';
import { A1, SMALL, smallContractCommands } from '../test/small-contract.js';
import { type EvaluationReport, evaluationReport, type ReportFigure } from './evaluation-report.js';

const at = (day: string) => `${day}T10:00:00.000Z`;
const step = (key: string, recordedOn: string, command: ScriptedCommand['command']): ScriptedCommand => ({
  key,
  recordedAt: at(recordedOn),
  command,
});

/** The small contract, with its means: the coordination funded by two funders, an action by one, staff time. */
const meansCommands: ScriptedCommand[] = [
  step('org-ars', '2024-01-05', {
    type: 'RegisterOrganisation',
    organisationId: 'ars',
    name: 'ARS Occitanie',
    kind: 'ars',
  }),
  step('org-commune', '2024-01-05', {
    type: 'RegisterOrganisation',
    organisationId: 'commune',
    name: 'Commune de Testville',
    kind: 'commune',
  }),
  step('line-ars', '2025-02-01', {
    type: 'PlanFundingLine',
    contractId: SMALL,
    fundingLineId: 'coordination-ars',
    funderId: 'ars',
    label: 'Poste de coordination',
    amounts: [
      { year: 2025, planned: 30000, committed: 30000 },
      { year: 2026, planned: 30000 },
    ],
  }),
  step('line-commune', '2025-02-01', {
    type: 'PlanFundingLine',
    contractId: SMALL,
    fundingLineId: 'coordination-commune',
    funderId: 'commune',
    label: 'Part communale',
    amounts: [{ year: 2025, planned: 10000, committed: 10000 }],
  }),
  step('line-action', '2025-02-01', {
    type: 'PlanFundingLine',
    contractId: SMALL,
    fundingLineId: 'action-a1',
    funderId: 'ars',
    actionId: A1,
    label: 'Accueil des internes',
    amounts: [{ year: 2025, planned: 5000.5 }],
  }),
  // Paid in February of the next year: the budget realised in N is given at 31 March N+1.
  step('paid-ars', '2026-02-15', {
    type: 'RecordFundingAmounts',
    contractId: SMALL,
    fundingLineId: 'coordination-ars',
    year: 2025,
    paid: 30000,
  }),
  step('staff', '2025-02-01', {
    type: 'RecordStaffTime',
    contractId: SMALL,
    year: 2025,
    role: 'Coordinatrice CLS',
    organisationId: 'commune',
    fte: 0.7,
  }),
];

const log: RecordedEvent[] = await replay([...smallContractCommands, ...meansCommands], {
  recordedAt: at('2024-01-05'),
});
const demo = await demoLog();
const figures = (report: EvaluationReport): ReportFigure[] =>
  report.sections.flatMap((section) => section.blocks.flatMap((block) => block.figures));
const figureOf = (report: EvaluationReport, key: string) => {
  const found = figures(report).find((candidate) => candidate.key === key);
  if (!found) throw new Error(`pas de chiffre ${key}`);
  return found;
};
const reportOf = (year: number) =>
  evaluationReport(log, { contractId: SMALL, year, time: 'recorded' }) as EvaluationReport;

describe('the means in the annual report', () => {
  const report = reportOf(2025);
  const meansEvents = log.filter(
    (event) => event.stream === `contract-${SMALL}` && /Funding|Staff/.test(event.type),
  );

  it('gives the funders of the coordination with their share (section 5), each figure linked to its events', () => {
    const ars = figureOf(report, '5.financeur.ars');
    expect(ars.value).toBe('prévu 30\u00a0000\u00a0€, engagé 30\u00a0000\u00a0€, payé non renseigné');
    expect(ars.details[0]).toBe('Part des financements engagés de la coordination : 75\u00a0%');
    expect(ars.evidence.length).toBeGreaterThan(0);
    for (const position of ars.evidence)
      expect(meansEvents.map((event) => event.position)).toContain(position);
    expect(report.sections[4]?.questions[2]?.fromJournal).toBe(true);
  });

  it('gives the staff time per role and its total (section 11)', () => {
    expect(figureOf(report, '11.etp.commune.Coordinatrice CLS')).toMatchObject({
      value: '0,7 ETP',
      number: 0.7,
    });
    expect(figureOf(report, '11.etp.total').number).toBe(0.7);
    expect(report.sections[10]?.coverage).not.toBe('non-renseigne');
  });

  it('gives the budget realised in N at 31 March N+1 and the one planned for N+1 (section 12), summed to the cent', () => {
    const total = figureOf(report, '12.budget.2025.total');
    expect(total.value).toBe(
      'prévu 45\u00a0000,50\u00a0€, engagé 40\u00a0000\u00a0€, payé 30\u00a0000\u00a0€',
    );
    expect(total.number).toBe(30000);
    expect(figureOf(report, '12.budget.2026.total').value).toBe('prévu 30\u00a0000\u00a0€');
    expect(report.sections[11]?.questions[1]?.fromJournal).toBe(true);
    // Closed at the end of June, the payment of February 2026 is not known.
    const june = evaluationReport(log, {
      contractId: SMALL,
      year: 2025,
      closingDate: '2025-06-30',
      time: 'recorded',
    }) as EvaluationReport;
    expect(figureOf(june, '12.budget.2025.total').value).toMatch(/payé non renseigné/);
  });

  it('says a year without any means event has none, never 0 €', () => {
    const later = reportOf(2027);
    expect(figureOf(later, '5.financeurs-coordination')).toMatchObject({
      value: 'aucun financement de la coordination enregistré pour 2027',
      evidence: [],
    });
    expect(figureOf(later, '12.budget.2027').value).toBe('aucun financement enregistré pour 2027');
    // Staff time: none in 2027, the latest year that has some, said so; none before any was recorded.
    const staff = later.sections[10]?.blocks.find((block) => block.key === '11.temps-de-travail');
    expect(staff?.title).toBe('Temps de travail (ETP) en 2025, dernière année renseignée');
    expect(figureOf(reportOf(2024), '11.etp').value).toBe('aucun temps de travail enregistré pour 2024');
    expect(JSON.stringify(later.sections)).not.toMatch(/\b0\u00a0€/);
  });
});

describe.skipIf(!demo)('the means of the demo in the Cœur d’Hérault report for 2025', () => {
  const report = evaluationReport(demo ?? [], {
    contractId: CDH,
    year: 2025,
    time: 'occurred',
  }) as EvaluationReport;

  it('holds sections 5, 11 and 12 from the log: the CLSM’s funder without a yearly amount, the team of 2024', () => {
    const coverage = Object.fromEntries(report.sections.map((section) => [section.n, section.coverage]));
    expect(coverage[5]).not.toBe('non-renseigne');
    expect(coverage[11]).not.toBe('non-renseigne');
    expect(coverage[12]).not.toBe('non-renseigne');
    const clsm = figures(report).find((each) => each.key === `5.sans-montant.${CDH}.financement.clsm-ars`);
    expect(clsm).toMatchObject({ label: 'ARS Occitanie', value: 'montant annuel non renseigné' });
    expect(clsm?.evidence).toHaveLength(1);
    expect(figureOf(report, '11.etp.total')).toMatchObject({ value: '2 ETP', label: 'Total en 2024' });
    expect(figureOf(report, '12.budget.2025').value).toBe('aucun financement enregistré pour 2025');
  });
});
