import { csvLine } from '@cls/csv';
import { type EvaluationReport, NOT_ANSWERED, type ReportQuestion } from './evaluation-report.js';
import type { Attestation } from './signed-head.js';

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
 * (joined with « | ») and the evidence positions (space-separated); then each
 * question with its written answer and its event, or « non renseigné » when the
 * figures do not answer it and nobody wrote an answer; last, with its
 * attestation, the signed head of the log (or why none was signed).
 */
export function reportCsv(report: EvaluationReport, attestation?: Attestation): string {
  let csv = row(HEADER);
  if (report.nothingRecorded) {
    csv += row([
      'Rapport',
      'Aucun événement',
      'rapport.vide',
      'Ce que le journal dit de l’année',
      report.nothingRecorded,
      '',
      '',
    ]);
  }
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
    for (const question of section.questions) {
      if (question.fromJournal && question.answer === null) continue;
      csv += questionRow(name, question);
    }
  }
  for (const question of report.conclusion.questions) csv += questionRow('Conclusion', question);
  const { previousYear, rows } = report.comparison;
  for (const compared of rows) {
    csv += row([
      `Comparaison avec ${previousYear}`,
      `${report.year} et ${previousYear}`,
      `comparaison.${compared.key}`,
      compared.label,
      compared.current,
      `${previousYear} : ${compared.previous}`,
      '',
    ]);
  }
  if (attestation) csv += attestationRows(attestation);
  return csv;
}

function questionRow(section: string, question: ReportQuestion): string {
  return row([
    section,
    'Questions du référentiel',
    `question.${question.key}`,
    question.text,
    question.answer ?? NOT_ANSWERED,
    '',
    question.answerEvidence.join(' '),
  ]);
}

const SIGNED_HEAD_SECTION = 'Intégrité du journal';

function attestationRows(attestation: Attestation): string {
  const head = attestation.signedHead;
  if (!head)
    return row([
      SIGNED_HEAD_SECTION,
      'Tête signée',
      'tete.refus',
      'Aucune tête signée',
      attestation.refused,
      '',
      '',
    ]);
  const fields: Array<[key: string, label: string, value: string]> = [
    ['tete.position', 'Position', String(head.position)],
    ['tete.hashGlobal', 'Hash global', head.globalHash],
    ['tete.signeeLe', 'Signée le', head.signedAt],
    ['tete.cle', 'Clé (empreinte)', head.keyId],
    ['tete.signature', 'Signature Ed25519 (base64)', head.signature],
  ];
  return fields
    .map(([key, label, value]) => row([SIGNED_HEAD_SECTION, 'Tête signée', key, label, value, '', '']))
    .join('');
}
