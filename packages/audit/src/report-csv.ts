import { csvLine } from '@cls/csv';
import type { EvaluationReport } from './evaluation-report.js';

/*
 * One row per figure, for spreadsheets: semicolons (what French spreadsheet
 * software expects), CRLF line ends and quoting as RFC 4180 says, no byte-order
 * mark. A cell that a spreadsheet would read as a formula (a score such as `++`,
 * `=`, `@`) starts with an apostrophe, which the spreadsheet hides (@cls/csv).
 */

const HEADER = ['section', 'rubrique', 'clé', 'libellé', 'valeur', 'détails', 'événements'];

const row = (cells: string[]) => csvLine(cells, ';');

/**
 * The report's figures, one a row: section, block, key, label, value, details
 * (joined with « | ») and the evidence positions (space-separated); then the
 * questions the log cannot answer, valued « hors journal ».
 */
export function reportCsv(report: EvaluationReport): string {
  let csv = row(HEADER);
  for (const section of report.sections) {
    const name = `${section.n}. ${section.title}`;
    for (const block of section.blocks) {
      for (const figure of block.figures) {
        csv += row([
          name,
          block.title,
          figure.key,
          figure.label,
          figure.value,
          figure.details.join(' | '),
          figure.evidence.join(' '),
        ]);
      }
    }
    section.questions.forEach((question, index) => {
      if (!question.fromJournal) {
        csv += row([
          name,
          'Questions hors journal',
          `${section.n}.question.${index + 1}`,
          question.text,
          'hors journal',
          '',
          '',
        ]);
      }
    });
  }
  report.conclusion.questions.forEach((question, index) => {
    csv += row([
      'Conclusion',
      'Questions hors journal',
      `conclusion.question.${index + 1}`,
      question.text,
      'hors journal',
      '',
      '',
    ]);
  });
  return csv;
}
