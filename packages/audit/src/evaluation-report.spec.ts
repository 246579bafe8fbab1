import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedEvent } from '@cls/event-store';
import { describe, expect, it } from 'vitest';
import { replay } from '../test/replay.js';
import { CDH, demoLog, SHARED_DIR, seeds } from '../test/scenario.js';
import { SMALL, smallContractCommands, smallContractLog } from '../test/small-contract.js';
import { ANNEX4_REFERENTIAL } from './annex4-referential.js';
import { eventsOfContract } from './contract-scope.js';
import {
  type EvaluationReport,
  evaluationReport,
  NOT_IN_LOG,
  type ReportFigure,
  reportJson,
} from './evaluation-report.js';
import { reportCsv } from './report-csv.js';
import { reportHtml } from './report-html.js';
import { eventTime } from './time-axis.js';

const eventLink = (position: number) => `/audit/evenements/${position}`;
/** The HTML's writing of a sentence: its apostrophes as entities (none of the typographic ones). */
const escapeApostrophes = (text: string) => text.replaceAll("'", '&#39;');
const figures = (report: EvaluationReport): ReportFigure[] =>
  report.sections.flatMap((section) => section.blocks.flatMap((block) => block.figures));
const figureOf = (report: EvaluationReport, key: string) => {
  const found = figures(report).find((candidate) => candidate.key === key);
  if (!found) throw new Error(`pas de chiffre ${key}`);
  return found;
};

const log = await smallContractLog();
const first = (await demoLog()) ?? [];
const second = (await demoLog()) ?? [];

describe('evaluationReport of a small contract', () => {
  const report = evaluationReport(log, {
    contractId: SMALL,
    year: 2025,
    time: 'recorded',
  }) as EvaluationReport;

  it('follows the referential’s twelve sections and its conclusion', () => {
    expect(report.sections.map((section) => section.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(report.sections.map((section) => section.title)).toEqual(
      ANNEX4_REFERENTIAL.sections.map((s) => s.title),
    );
    expect(report.conclusion.questions.map((question) => question.text)).toEqual(
      ANNEX4_REFERENTIAL.conclusionQuestions,
    );
    expect(report).toMatchObject({
      closingDate: '2025-12-31',
      title: "Référentiel d'évaluation et bilan pour l'année 2025",
    });
  });

  it('says « non renseigné » where nobody answered and the log counts nothing, and never invents funding', () => {
    const coverage = Object.fromEntries(report.sections.map((section) => [section.n, section.coverage]));
    expect(coverage).toMatchObject({
      3: 'non-renseigne',
      7: 'non-renseigne',
      8: 'non-renseigne',
      10: 'journal',
    });
    expect(report.conclusion.coverage).toBe('non-renseigne');
    expect(
      report.sections[2]?.questions.map(({ key, fromJournal, answer }) => ({ key, fromJournal, answer })),
    ).toEqual([
      { key: '3.1', fromJournal: false, answer: null },
      { key: '3.2', fromJournal: false, answer: null },
      { key: '3.3', fromJournal: false, answer: null },
    ]);
    expect(JSON.stringify(report)).not.toContain('hors journal');
    expect(reportHtml(report, { eventLink })).not.toContain('hors journal');
    expect(figureOf(report, '12.financements')).toMatchObject({ value: NOT_IN_LOG, evidence: [] });
    expect(figureOf(report, '5.financeurs')).toMatchObject({ value: NOT_IN_LOG, evidence: [] });
    expect(figureOf(report, '9.evaluation')).toMatchObject({
      value: 'non ouverte dans le journal',
      evidence: [],
    });
  });

  it('counts the actions at the closing date on the chosen clock', () => {
    expect(figureOf(report, '10.statut.in_progress').number).toBe(2);
    // On 30 June the log knew of one action only, not started.
    const june = evaluationReport(log, {
      contractId: SMALL,
      year: 2025,
      closingDate: '2025-06-30',
      time: 'recorded',
    });
    expect(june && figureOf(june, '10.actions').number).toBe(1);
    expect(june && figureOf(june, '10.livrables-produits').number).toBe(0);
    const juneOccurred = evaluationReport(log, {
      contractId: SMALL,
      year: 2025,
      closingDate: '2025-06-30',
      time: 'occurred',
    });
    expect(juneOccurred && figureOf(juneOccurred, '10.livrables-produits')).toMatchObject({
      number: 1,
      details: ['10 mars 2025 — 1.1-A1 L1 : Rapport d’enquête'],
    });
  });

  it('says plainly that it has nothing to say of a year before any event of the contract, on either clock', () => {
    for (const time of ['occurred', 'recorded'] as const) {
      const empty = evaluationReport(log, { contractId: SMALL, year: 2023, time });
      if (!empty) throw new Error('the contract is in the log');
      expect(empty.nothingRecorded).toMatch(/: ce rapport n’a rien à dire de cette année\.$/);
      // No zero that would read as measured: no section, no question left « hors journal ».
      expect([empty.sections, empty.conclusion.questions, empty.source.eventCount]).toEqual([[], [], 0]);
      // Its title still names the contract, as the log names it later.
      expect(empty.contractName).toBe('CLS de test');
      expect(reportHtml(empty, { eventLink })).toContain(escapeApostrophes(empty.nothingRecorded ?? ''));
      expect(reportCsv(empty)).toContain('rapport.vide');
      expect(reportCsv(empty)).not.toContain('hors journal');
    }
    expect(evaluationReport(log, { contractId: SMALL, year: 2023, time: 'occurred' })?.nothingRecorded).toBe(
      'Aucun événement du contrat n’est daté de 2023 ou avant : ce rapport n’a rien à dire de cette année.',
    );
    // A year the log has something to say of says it.
    expect(report.nothingRecorded).toBeNull();
  });

  it('is undefined for a contract the log does not hold', () => {
    expect(evaluationReport(log, { contractId: 'cls-absent', year: 2025, time: 'recorded' })).toBeUndefined();
  });

  it('renders a complete French HTML document, each figure linked to its events', () => {
    const html = reportHtml(report, { eventLink: (position) => `#e${position}&x="1"` });
    expect(html.startsWith('<!doctype html>\n<html lang="fr">')).toBe(true);
    expect(html).toContain('@media print');
    expect(html).toContain(
      '<title>CLS de test – Référentiel d&#39;évaluation et bilan pour l&#39;année 2025</title>',
    );
    const links =
      html.match(/<a href="#e\d+&amp;x=&quot;1&quot;" aria-label="Événement n° \d+ du journal">/g) ?? [];
    expect(links).toHaveLength(figures(report).reduce((total, figure) => total + figure.evidence.length, 0));
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('writes one CSV row per figure, then the questions left to answer', () => {
    const csv = reportCsv(report);
    const rows = csv.split('\r\n').filter((row) => row !== '');
    const unanswered =
      report.sections.reduce(
        (total, s) => total + s.questions.filter((q) => !q.fromJournal || q.answer !== null).length,
        0,
      ) + report.conclusion.questions.length;
    expect(rows[0]).toBe('section;rubrique;clé;libellé;valeur;détails;événements');
    expect(rows).toHaveLength(1 + figures(report).length + unanswered + report.comparison.rows.length);
    expect(rows).toContain(
      `6. La gouvernance;La gouvernance en 2025;6.reunions-gouvernance;Réunions de gouvernance tenues en 2025 (hors comités techniques);0;;`,
    );
  });

  it('gives back the same report from its canonical JSON', () => {
    expect(JSON.parse(reportJson(report))).toEqual(report);
  });
});

describe('evaluationReport with the evaluation’s written answers and scores', async () => {
  const evaluationId = `${SMALL}.2025`;
  const at = (day: string) => `${day}T10:00:00.000Z`;
  const answered = await replay(
    [
      ...smallContractCommands,
      ...(
        [
          ['open-2024', '2025-01-10', { type: 'OpenEvaluation', contractId: SMALL, year: 2024 }],
          [
            'score-2024',
            '2025-01-11',
            {
              type: 'ScoreResult',
              evaluationId: `${SMALL}.2024`,
              resultId: 'leviers-politique-ville',
              question: ANNEX4_REFERENTIAL.resultsTable[3]?.question ?? '',
              indicator: ANNEX4_REFERENTIAL.resultsTable[3]?.indicator ?? '',
              score: '-',
              evidence: 'Pas de contrat de ville',
            },
          ],
          ['open', '2026-01-10', { type: 'OpenEvaluation', contractId: SMALL, year: 2025 }],
          [
            'answer-7.1',
            '2026-01-11',
            {
              type: 'AnswerEvaluationQuestion',
              evaluationId,
              questionKey: '7.1',
              answer: 'Brouillon',
            },
          ],
          [
            'answer-7.1-again',
            '2026-01-12',
            {
              type: 'AnswerEvaluationQuestion',
              evaluationId,
              questionKey: '7.1',
              answer: 'Oui : la politique de la ville siège au COPIL.',
            },
          ],
          [
            'answer-conclusion.7',
            '2026-01-12',
            {
              type: 'AnswerEvaluationQuestion',
              evaluationId,
              questionKey: 'conclusion.7',
              answer: 'Aucune.',
            },
          ],
          [
            'score',
            '2026-01-13',
            {
              type: 'ScoreResult',
              evaluationId,
              resultId: 'leviers-politique-ville',
              question: ANNEX4_REFERENTIAL.resultsTable[3]?.question ?? '',
              indicator: ANNEX4_REFERENTIAL.resultsTable[3]?.indicator ?? '',
              score: '+',
              evidence: 'Un atelier santé ville commun',
            },
          ],
        ] as const
      ).map(([key, day, command]) => ({ key, recordedAt: at(day), command })),
    ],
    { recordedAt: at('2024-01-05') },
  );
  const report = evaluationReport(answered, {
    contractId: SMALL,
    year: 2025,
    closingDate: '2026-03-31',
    time: 'recorded',
  }) as EvaluationReport;
  const positionOfAnswer = answered.findLast(
    (event) => event.type === 'EvaluationQuestionAnswered' && event.stream === `evaluation-${evaluationId}`,
  )?.position;

  it('shows the latest written answer of a question with its event, the others « non renseigné »', () => {
    const section7 = report.sections.find((section) => section.n === 7);
    expect(section7?.questions[0]).toMatchObject({
      key: '7.1',
      answer: 'Oui : la politique de la ville siège au COPIL.',
    });
    expect(section7?.questions[0]?.answerEvidence).toHaveLength(1);
    expect(section7?.questions[1]).toMatchObject({ key: '7.2', answer: null, answerEvidence: [] });
    expect(section7?.coverage).toBe('partiel');
    expect(section7?.coverageLabel).toBe('en partie renseigné');
    expect(report.conclusion.questions[6]).toMatchObject({ key: 'conclusion.7', answer: 'Aucune.' });
    expect(report.conclusion.coverage).toBe('partiel');
    const answerPositions = answered
      .filter((event) => event.type === 'EvaluationQuestionAnswered')
      .map((event) => event.position);
    expect(answerPositions).toContain(section7?.questions[0]?.answerEvidence[0]);
    expect(positionOfAnswer).toBeDefined();
  });

  it('lists every row of the referential’s results table, scored or « non renseigné », beside last year’s', () => {
    const rows = figures(report).filter((item) => item.key.startsWith('9.resultat.'));
    expect(rows.map((item) => item.key)).toEqual(
      ANNEX4_REFERENTIAL.resultsTable.map((row) => `9.resultat.${row.resultId}`),
    );
    expect(figureOf(report, '9.resultat.leviers-politique-ville')).toMatchObject({
      value: '+ (répond de façon satisfaisante)',
      details: [
        `Question : ${ANNEX4_REFERENTIAL.resultsTable[3]?.question}`,
        'Justification : Un atelier santé ville commun',
        '2024 : - (ne répond pas suffisamment)',
      ],
    });
    expect(figureOf(report, '9.resultat.objectifs-strategiques')).toMatchObject({
      value: 'non renseigné',
      evidence: [],
      details: [`Question : ${ANNEX4_REFERENTIAL.resultsTable[0]?.question}`, '2024 : non renseigné'],
    });
  });

  it('puts each counted figure beside the year before’s, « non renseigné » where that year has none', () => {
    expect(report.comparison.previousYear).toBe(2024);
    const rows = new Map(report.comparison.rows.map((row) => [row.key, row]));
    const counted = figures(report).filter((item) => item.number !== null);
    expect([...rows.keys()]).toEqual(counted.map((item) => item.key));
    const before = evaluationReport(answered, {
      contractId: SMALL,
      year: 2024,
      closingDate: '2025-03-31',
      time: 'recorded',
    }) as EvaluationReport;
    expect(rows.get('4.nombre-axes')).toMatchObject({
      current: figureOf(report, '4.nombre-axes').value,
      previous: figureOf(before, '4.nombre-axes').value,
    });
    expect(reportHtml(report, { eventLink })).toContain('Comparaison avec 2024');
    expect(reportCsv(report)).toContain('Comparaison avec 2024;2025 et 2024;comparaison.4.nombre-axes;');
    // A year the log says nothing of compares nothing.
    expect(
      evaluationReport(answered, { contractId: SMALL, year: 2023, time: 'recorded' })?.comparison,
    ).toEqual({
      previousYear: 2022,
      rows: [],
    });
  });

  it('renders the answers in the HTML and the CSV, with their events', () => {
    const html = reportHtml(report, { eventLink });
    expect(html).toContain('Oui : la politique de la ville siège au COPIL.');
    expect(html).not.toContain('Brouillon');
    const csv = reportCsv(report);
    expect(csv).toContain(
      `7. La coordination des politiques publiques;Questions du référentiel;question.7.1;`,
    );
    expect(csv).toContain(`;Oui : la politique de la ville siège au COPIL.;;`);
    expect(csv).toContain(
      `Conclusion;Questions du référentiel;question.conclusion.7;Questions en suspens ?;Aucune.;;`,
    );
  });
});

/** What each figure of the report may point at: its events’ types, and a check of their data. */
const EXPECTED: Array<{
  key: RegExp;
  types: string[];
  data?: (event: RecordedEvent, year: number) => boolean;
}> = [
  {
    key: /^6\.(reunions-gouvernance|reunions-cotech|decisions|comptes-rendus-.*)$/,
    types: ['MeetingHeld'],
    data: (event, year) => (event.data as { heldOn: string }).heldOn.startsWith(String(year)),
  },
  { key: /^10\.statut\.planned$/, types: ['ActionPlanned'] },
  { key: /^10\.statut\.in_progress$/, types: ['ActionStarted'] },
  { key: /^10\.statut\.suspended$/, types: ['ActionSuspended'] },
  { key: /^10\.statut\.completed$|^10\.realisees$/, types: ['ActionCompleted'] },
  { key: /^10\.statut\.abandoned$/, types: ['ActionAbandoned'] },
  { key: /^10\.demarrees$/, types: ['ActionStarted'] },
  { key: /^10\.(actions|livrables-prevus|calendrier-incertain)$/, types: ['ActionPlanned'] },
  {
    key: /^10\.livrables-(produits|non-prevus)$/,
    types: ['DeliverableProduced'],
    data: (event, year) => (event.data as { producedOn: string }).producedOn.startsWith(String(year)),
  },
  { key: /^10\.avancement\.|^10\.part-realisee$/, types: ['ProgressReported'] },
  {
    key: /^9\.(resultat|notes)\./,
    types: ['ResultScored'],
    data: (event, year) => event.stream.endsWith(`.${year}`),
  },
  {
    key: /^9\.(indicateur\.|nombre-indicateurs)/,
    types: ['IndicatorMeasured'],
    data: (event, year) => (event.data as { period: { year: number } }).period.year === year,
  },
  { key: /^1\.signature$/, types: ['ContractSigned'] },
  { key: /^1\.avenants$/, types: ['ContractAmended'] },
  { key: /^1\.periode$|^2\./, types: ['ContractDrafted'] },
  { key: /^4\.nombre-axes$/, types: ['AxisDefined'] },
  { key: /^4\.nombre-fiches$/, types: ['FicheActionDefined'] },
  { key: /^6\.instances$/, types: ['GovernanceBodyDefined'] },
  { key: /^(12\.financement|5\.financeurs|1\.fait)\./, types: ['FactRecorded'] },
];

describe.skipIf(!seeds)('the 2025 report of the Cœur d’Hérault contract, from the demo', () => {
  for (const time of ['recorded', 'occurred'] as const) {
    it(`is byte-identical from two independent replays (${time})`, () => {
      const options = { contractId: CDH, year: 2025, closingDate: '2026-03-31', time };
      const a = evaluationReport(first, options) as EvaluationReport;
      const b = evaluationReport(second, options) as EvaluationReport;
      expect(first).not.toBe(second);
      expect(reportHtml(a, { eventLink })).toBe(reportHtml(b, { eventLink }));
      expect(reportCsv(a)).toBe(reportCsv(b));
      expect(reportJson(a)).toBe(reportJson(b));
      // And the order the events are given in does not matter.
      const shuffled = evaluationReport([...second].reverse(), options) as EvaluationReport;
      expect(reportJson(shuffled)).toBe(reportJson(a));
    });
  }

  it('points every figure at events of the contract, dated by the closing day, of the kind that justifies it', () => {
    const report = evaluationReport(first, {
      contractId: CDH,
      year: 2025,
      closingDate: '2026-03-31',
      time: 'recorded',
    });
    if (!report) throw new Error('rapport absent');
    const ofContract = new Map(eventsOfContract(first, CDH).map((event) => [event.position, event]));
    const closing = Date.parse('2026-03-31T23:59:59.999Z');
    let checked = 0;
    for (const item of figures(report)) {
      for (const position of item.evidence) {
        const event = ofContract.get(position);
        expect(event, `${item.key} → ${position}`).toBeDefined();
        expect(eventTime(event as RecordedEvent, 'recorded')).toBeLessThanOrEqual(closing);
      }
      const rule = EXPECTED.find((candidate) => candidate.key.test(item.key));
      if (!rule) continue;
      for (const position of item.evidence) {
        const event = ofContract.get(position) as RecordedEvent;
        expect(rule.types, `${item.key} → ${event.type}`).toContain(event.type);
        if (rule.data) expect(rule.data(event, 2025), `${item.key} → ${position}`).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('answers the governance, actions and results of 2025 from the scenario', () => {
    const report = evaluationReport(first, {
      contractId: CDH,
      year: 2025,
      closingDate: '2026-03-31',
      time: 'recorded',
    });
    if (!report) throw new Error('rapport absent');
    const numbers = Object.fromEntries(figures(report).map((item) => [item.key, item.number]));
    expect(numbers).toMatchObject({
      '6.reunions-gouvernance': 1,
      '6.comptes-rendus-gouvernance': 1,
      '6.reunions-cotech': 1,
      '6.comptes-rendus-cotech': 0,
      '6.decisions': 3,
      '6.reunions-prevues': 1,
      '6.reunions-annulees': 1,
      '10.actions': 42,
      '10.statut.in_progress': 3,
      '10.statut.completed': 1,
      '10.statut.suspended': 1,
      '10.statut.abandoned': 1,
      '10.livrables-produits': 4,
      '10.livrables-non-prevus': 1,
      '9.nombre-indicateurs': 1,
      '9.notes.++': 1,
      '9.notes.-': 0,
    });
    expect(figureOf(report, '9.resultat.leviers-decloisonnement').value).toBe(
      '+ (répond de façon satisfaisante)',
    );
    expect(figureOf(report, '10.axe.1').value).toBe('10 actions : 7 prévues, 2 en cours, 1 réalisée');
    expect(figureOf(report, '12.financement.cdh2025-financement-ars').details).toContain(
      'montant : 35\u00a0000',
    );
    // Closed at the end of 2025 on the record clock: the deliverable of 30 December was recorded in January.
    const december = evaluationReport(first, { contractId: CDH, year: 2025, time: 'recorded' });
    expect(december && figureOf(december, '10.livrables-produits').number).toBe(3);
    expect(december && figureOf(december, '9.evaluation').value).toBe('non ouverte dans le journal');
  });

  it('carries the referential of annex 4 as the seeds structure it', () => {
    const seed = JSON.parse(
      readFileSync(join(SHARED_DIR, 'seeds/contracts/cls-coeur-herault-2024.json'), 'utf8'),
    ) as {
      evaluation: {
        referential: {
          sections: Array<{ n: number; title: string; questions: string[] }>;
          conclusionQuestions: string[];
          guidingQuestion: string;
          clsPurposes: string[];
          scales: { resultsScale: Array<{ symbol: string; meaning: string }> };
          resultsTable: Array<{ question: string; indicator: string }>;
        };
      };
    };
    const referential = seed.evaluation.referential;
    expect(ANNEX4_REFERENTIAL.sections.map(({ n, title, questions }) => ({ n, title, questions }))).toEqual(
      referential.sections.map(({ n, title, questions }) => ({ n, title, questions })),
    );
    expect(ANNEX4_REFERENTIAL.conclusionQuestions).toEqual(referential.conclusionQuestions);
    expect(ANNEX4_REFERENTIAL.guidingQuestion).toBe(referential.guidingQuestion);
    expect(ANNEX4_REFERENTIAL.purposes).toEqual(referential.clsPurposes);
    expect(ANNEX4_REFERENTIAL.scale).toEqual(
      referential.scales.resultsScale.map(({ symbol, meaning }) => ({ symbol, meaning })),
    );
    // Its results table's rows, without the marks of the seed's copy: they score no year of this contract.
    expect(
      ANNEX4_REFERENTIAL.resultsTable.map(({ question, indicator }) => ({ question, indicator })),
    ).toEqual(referential.resultsTable.map(({ question, indicator }) => ({ question, indicator })));
    expect(new Set(ANNEX4_REFERENTIAL.resultsTable.map((row) => row.resultId)).size).toBe(8);
  });
});

describe('evaluationReport’s closing date', () => {
  it('refuses a day that does not exist', () => {
    expect(() =>
      evaluationReport(log, {
        contractId: SMALL,
        year: 2025,
        closingDate: '2025-13-01',
        time: 'recorded',
      }),
    ).toThrow(/AAAA-MM-JJ/);
  });
});
