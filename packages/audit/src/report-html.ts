import { count, frenchDate, frenchNumber, withoutAccents } from '@cls/french';
import {
  type EvaluationReport,
  NOT_ANSWERED,
  type ReportBlock,
  type ReportFigure,
  type ReportQuestion,
  type ReportSection,
} from './evaluation-report.js';
import type { Attestation } from './signed-head.js';

export interface ReportHtmlOptions {
  /** Where an event is shown, by its global position (the host's audit page, an anchor of an export…). */
  eventLink: (position: number) => string;
  /** The log's signed head the report was made under (or why none was signed), in the footer. */
  attestation?: Attestation;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => ESCAPES[character] as string);

/*
 * Printable on A4, readable on screen, accessible (RGAA): one h1, a heading per
 * section, tables with captions and header cells, links that say which event
 * they open, coverage said in words and not by colour alone, contrast above 4.5:1.
 */
const STYLE = `
:root { color-scheme: light; --ink: #1e1e1e; --muted: #4a4a4a; --line: #c8c8c8; --accent: #000091; --soft: #f2f2f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Marianne", Arial, sans-serif; color: var(--ink); background: #fff; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; outline: 3px solid var(--accent); }
header, main, footer, nav { max-width: 60rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 2rem; border-bottom: 4px solid var(--accent); }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .5rem; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 .75rem; padding-top: .5rem; border-top: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.subtitle { font-size: 1.15rem; margin: 0 0 1rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 1rem 0; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
.coverage { display: inline-block; font-size: .8rem; font-weight: 600; padding: .1rem .5rem; border: 1px solid currentColor; border-radius: .25rem; vertical-align: middle; margin-left: .5rem; }
.coverage-journal { color: #18753c; }
.coverage-partiel { color: #715c00; }
.coverage-non-renseigne { color: #ce0500; }
.answer { margin: .25rem 0 .5rem; white-space: pre-line; }
ul.questions { padding-left: 1.25rem; }
ul.toc { list-style: none; padding-left: 0; }
ul.toc .tag { font-size: .85rem; color: var(--muted); }
ul.questions .tag { font-size: .85rem; color: var(--muted); }
table { width: 100%; border-collapse: collapse; margin: .5rem 0 1rem; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line); }
thead th { background: var(--soft); }
tbody th { font-weight: 500; width: 40%; }
td.value { width: 35%; }
.nothing { font-size: 1.1rem; margin: 2rem 0; padding: 1rem; border-left: 4px solid var(--accent); background: var(--soft); }
td.evidence { font-size: .85rem; }
td ul { margin: .25rem 0 0; padding-left: 1.1rem; color: var(--muted); font-size: .9rem; }
a { color: var(--accent); }
a:focus { outline: 3px solid var(--accent); outline-offset: 2px; }
.none { color: var(--muted); font-style: italic; }
.note { color: var(--muted); font-size: .9rem; }
footer { margin-top: 3rem; padding-bottom: 2rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
footer code { overflow-wrap: anywhere; font-size: .85rem; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { font-size: 10.5pt; }
  .skip, nav { display: none; }
  header, main, footer { max-width: none; padding: 0; }
  h2 { break-before: auto; break-after: avoid; }
  h3, caption { break-after: avoid; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`.trim();

function evidenceCell(evidence: number[], eventLink: ReportHtmlOptions['eventLink']): string {
  if (evidence.length === 0) return '<span class="none">aucun événement</span>';
  return evidence
    .map(
      (position) =>
        `<a href="${escapeHtml(eventLink(position))}" aria-label="Événement n° ${position} du journal">n°\u00a0${position}</a>`,
    )
    .join(', ');
}

function figureRow(figure: ReportFigure, eventLink: ReportHtmlOptions['eventLink']): string {
  const details =
    figure.details.length === 0
      ? ''
      : `<ul>${figure.details.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`;
  return (
    `<tr id="${escapeHtml(anchor(figure.key))}"><th scope="row">${escapeHtml(figure.label)}</th>` +
    `<td class="value">${escapeHtml(figure.value)}${details}</td>` +
    `<td class="evidence">${evidenceCell(figure.evidence, eventLink)}</td></tr>`
  );
}

/** An id attribute from a figure's key: letters, digits and dashes. */
const anchor = (key: string) =>
  `f-${withoutAccents(key)
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;

function blockHtml(
  section: ReportSection,
  reportBlock: ReportBlock,
  eventLink: ReportHtmlOptions['eventLink'],
): string {
  const note = reportBlock.note ? `<p class="note">${escapeHtml(reportBlock.note)}</p>` : '';
  if (reportBlock.figures.length === 0) {
    return `<h3>${escapeHtml(reportBlock.title)}</h3><p class="none">Rien dans le journal.</p>${note}`;
  }
  return (
    `<table><caption>${escapeHtml(`${section.n}. ${reportBlock.title}`)}</caption>` +
    '<thead><tr><th scope="col">Élément</th><th scope="col">Valeur</th><th scope="col">Événements</th></tr></thead>' +
    `<tbody>${reportBlock.figures.map((figure) => figureRow(figure, eventLink)).join('')}</tbody></table>${note}`
  );
}

/** A question with its written answer and the event of it, what the figures say of it, or « non renseigné ». */
function questionHtml(question: ReportQuestion, eventLink: ReportHtmlOptions['eventLink']): string {
  const tag = question.fromJournal
    ? 'chiffres tirés du journal ci-dessous'
    : question.answer === null
      ? NOT_ANSWERED
      : 'réponse écrite';
  const answer =
    question.answer === null
      ? ''
      : `<p class="answer">${escapeHtml(question.answer)}</p><p class="note">Événement : ${evidenceCell(question.answerEvidence, eventLink)}</p>`;
  return `<li id="${escapeHtml(anchor(`q.${question.key}`))}">${escapeHtml(question.text)} <span class="tag">(${tag})</span>${answer}</li>`;
}

function questionsHtml(questions: ReportQuestion[], eventLink: ReportHtmlOptions['eventLink']): string {
  if (questions.length === 0) return '';
  return (
    '<h3>Questions du référentiel</h3><ul class="questions">' +
    questions.map((question) => questionHtml(question, eventLink)).join('') +
    '</ul>'
  );
}

function sectionHtml(section: ReportSection, eventLink: ReportHtmlOptions['eventLink']): string {
  const id = `section-${section.n}`;
  const notes = section.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`).join('');
  const body =
    section.blocks.length === 0
      ? '<p class="none">Aucun chiffre du journal pour cette section : ses réponses sont écrites ci-dessus.</p>'
      : section.blocks.map((reportBlock) => blockHtml(section, reportBlock, eventLink)).join('');
  return (
    `<section id="${id}" aria-labelledby="${id}-titre"><h2 id="${id}-titre">${section.n}. ${escapeHtml(section.title)}` +
    `<span class="coverage coverage-${section.coverage}">${escapeHtml(section.coverageLabel)}</span></h2>` +
    `${questionsHtml(section.questions, eventLink)}${notes}${body}</section>`
  );
}

/** Year over year: each counted figure beside the year before's, « non renseigné » where it has none. */
function comparisonHtml(report: EvaluationReport): string {
  const { previousYear, rows } = report.comparison;
  if (rows.length === 0) return '';
  return (
    `<section id="comparaison" aria-labelledby="comparaison-titre"><h2 id="comparaison-titre">Comparaison avec ${previousYear}</h2>` +
    `<table><caption>Chiffres de ${report.year} et de ${previousYear}</caption>` +
    `<thead><tr><th scope="col">Élément</th><th scope="col">${report.year}</th><th scope="col">${previousYear}</th></tr></thead><tbody>` +
    rows
      .map(
        (row) =>
          `<tr><th scope="row">${escapeHtml(row.label)}</th><td>${escapeHtml(row.current)}</td><td>${escapeHtml(row.previous)}</td></tr>`,
      )
      .join('') +
    '</tbody></table></section>'
  );
}

/** The footer's paragraph on the signed head: what it says, and how an auditor checks it offline. */
function attestationHtml(attestation: Attestation | undefined): string {
  if (!attestation) return '';
  const head = attestation.signedHead;
  if (!head)
    return `<p><strong>Tête signée du journal</strong> : aucune (${escapeHtml(attestation.refused)}).</p>\n`;
  return (
    `<p><strong>Tête signée du journal</strong> : la plateforme a vérifié le journal jusqu’à la position ${head.position} ` +
    `et signé sa tête le ${escapeHtml(head.signedAt)} (clé <code>${escapeHtml(head.keyId)}</code>) : hash global ` +
    `<code>${escapeHtml(head.globalHash)}</code>, signature Ed25519 <code>${escapeHtml(head.signature)}</code>. ` +
    'Un journal exporté depuis doit toujours passer par cette tête : ' +
    `<code>pnpm audit:verify journal.ndjson --public-key cle.pem --expect-head ${head.position}:${escapeHtml(head.globalHash)}</code> ` +
    '(clé publique servie par /api/audit/public-key).</p>\n'
  );
}

/**
 * The report as a complete French HTML document: inline styles, print styles,
 * every figure linked to the events that justify it. Deterministic: the same
 * report, links and attestation give the same bytes.
 */
export function reportHtml(report: EvaluationReport, options: ReportHtmlOptions): string {
  const { eventLink, attestation } = options;
  const title = `${report.contractName} – ${report.title}`;
  const source =
    report.source.lastPosition === null
      ? 'aucun événement'
      : `${count(report.source.eventCount, 'événement')}, jusqu’à la position ${frenchNumber(report.source.lastPosition)}`;
  const toc = report.sections
    .map(
      (section) =>
        `<li><a href="#section-${section.n}">${section.n}. ${escapeHtml(section.title)}</a> <span class="tag">(${escapeHtml(section.coverageLabel)})</span></li>`,
    )
    .join('');
  const scale = report.referential.scale
    .map((level) => `<li><strong>${escapeHtml(level.symbol)}</strong> : ${escapeHtml(level.meaning)}</li>`)
    .join('');
  const purposes = report.referential.purposes.map((purpose) => `<li>${escapeHtml(purpose)}</li>`).join('');
  const conclusion =
    '<section id="conclusion" aria-labelledby="conclusion-titre"><h2 id="conclusion-titre">Conclusion' +
    `<span class="coverage coverage-${report.conclusion.coverage}">${escapeHtml(report.conclusion.coverageLabel)}</span></h2>` +
    questionsHtml(report.conclusion.questions, eventLink) +
    '</section>' +
    comparisonHtml(report);

  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
${STYLE}
</style>
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header>
<h1>${escapeHtml(report.title)}</h1>
<p class="subtitle">${escapeHtml(report.contractName)}${report.territory ? ` — ${escapeHtml(report.territory)}` : ''}</p>
<dl class="meta">
<dt>Année évaluée</dt><dd>${report.year}</dd>
<dt>Date de clôture</dt><dd>${escapeHtml(frenchDate(report.closingDate))}</dd>
<dt>Journal lu selon</dt><dd>la ${escapeHtml(report.timeLabel)}</dd>
<dt>Événements lus</dt><dd>${escapeHtml(source)}</dd>
<dt>Référentiel</dt><dd>annexe ${report.referential.annex} du contrat — ${escapeHtml(report.referential.usage)}</dd>
</dl>
<p><strong>Question évaluative :</strong> ${escapeHtml(report.referential.guidingQuestion)} ?</p>
<p>Les CLS ont vocation à :</p>
<ul>${purposes}</ul>
<p>Échelle des résultats :</p>
<ul>${scale}</ul>
</header>
${
  report.nothingRecorded
    ? `<main id="contenu">
<p class="nothing">${escapeHtml(report.nothingRecorded)}</p>
</main>`
    : `<nav aria-label="Sommaire">
<h2>Sommaire</h2>
<ul class="toc">${toc}<li><a href="#conclusion">Conclusion</a></li>${report.comparison.rows.length > 0 ? `<li><a href="#comparaison">Comparaison avec ${report.comparison.previousYear}</a></li>` : ''}</ul>
</nav>
<main id="contenu">
${report.sections.map((section) => sectionHtml(section, eventLink)).join('\n')}
${conclusion}
</main>`
}
<footer>
<p>Document établi à partir du seul journal d’événements du contrat. Chaque chiffre renvoie aux événements qui le justifient, par leur position dans le journal ; les réponses écrites par l’évaluation sont des événements du journal elles aussi ; « ${escapeHtml(NOT_ANSWERED)} » signale une question à laquelle personne n’a encore répondu.</p>
${attestationHtml(attestation)}</footer>
</body>
</html>
`;
}
