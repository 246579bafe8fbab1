import { count, frenchDate } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useQuery } from '@tanstack/react-query';
import { Fragment, type MouseEvent } from 'react';
import { EvidenceLink } from './audit-evidence-link.js';
import type { TimeAxis } from './audit-labels.js';

export interface ReportQuestion {
  contractId: string;
  year: number;
  closingDate?: string;
  time: TimeAxis;
}

/** The annual evaluation report (annex 4), computed by the server from the log alone (packages/audit). */
export function useEvaluationReport(question: ReportQuestion) {
  const trpc = useTRPC();
  return useQuery(trpc.audit.report.queryOptions(question));
}

type Report = NonNullable<ReturnType<typeof useEvaluationReport>['data']>;
type Section = Report['sections'][number];

/** How much of a section the log answers, as a badge. */
const COVERAGE_BADGES: Record<Section['coverage'], string> = {
  journal: 'completed',
  partiel: 'in_progress',
  'non-renseigne': 'suspended',
};

const sectionAnchor = (section: Pick<Section, 'n'>) => `rapport-section-${section.n}`;

/**
 * A link of the summary moves to its section and its focus there itself: the
 * browser's own jump would fire popstate, on which the app's router scrolls
 * back to the top.
 */
function goToSection(event: MouseEvent<HTMLAnchorElement>) {
  const target = document.getElementById(event.currentTarget.hash.slice(1));
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
}

/**
 * The report as the printable document says it, section by section of the
 * referential, each figure with the events that justify it (none: the log holds
 * nothing, and the report says « non renseigné » rather than guessing).
 */
export function ReportView({ report }: { report: Report }) {
  return (
    <article aria-labelledby="audit-report-title" className="audit-report" data-testid="audit-report">
      <h2 id="audit-report-title">
        {report.title} <span className="muted">— {report.contractName}</span>
      </h2>
      <p className="muted">
        {report.territory ? `${report.territory} · ` : ''}arrêté au {frenchDate(report.closingDate)}, dates
        lues sur la {report.timeLabel} · tiré de {count(report.source.eventCount, 'événement')}
        {report.source.lastPosition === null ? '' : `, jusqu’au n° ${report.source.lastPosition}`}.
      </p>
      {report.nothingRecorded ? (
        <p className="audit-report__nothing" data-testid="audit-report-nothing">
          {report.nothingRecorded}
        </p>
      ) : (
        <ReportBody report={report} />
      )}
    </article>
  );
}

/** The referential, its table of contents, the sections and the conclusion: a year the log has something to say of. */
function ReportBody({ report }: { report: Report }) {
  return (
    <>
      <Referential referential={report.referential} />
      <nav aria-label="Sommaire du rapport">
        <ul className="audit-report__toc">
          {report.sections.map((section) => (
            <li key={section.n}>
              <a href={`#${sectionAnchor(section)}`} onClick={goToSection}>
                {section.n}. {section.title}
              </a>{' '}
              <span className="muted">({section.coverageLabel})</span>
            </li>
          ))}
        </ul>
      </nav>
      {report.sections.map((section) => (
        <ReportSection key={section.n} section={section} />
      ))}
      <section aria-labelledby="rapport-conclusion" className="audit-report__section">
        <h3 id="rapport-conclusion">
          Conclusion{' '}
          <Coverage coverage={report.conclusion.coverage} label={report.conclusion.coverageLabel} />
        </h3>
        <Questions questions={report.conclusion.questions} />
      </section>
      <Comparison report={report} />
    </>
  );
}

/** Year over year: each counted figure beside the year before's, « non renseigné » where it has none. */
function Comparison({ report }: { report: Report }) {
  const { previousYear, rows } = report.comparison;
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="rapport-comparaison" className="audit-report__section">
      <h3 id="rapport-comparaison">Comparaison avec {previousYear}</h3>
      <table className="table table--stacked audit-figures" data-testid="report-comparison">
        <caption className="visually-hidden">
          Chiffres de {report.year} et de {previousYear}
        </caption>
        <thead>
          <tr>
            <th scope="col">Indicateur</th>
            <th scope="col">{report.year}</th>
            <th scope="col">{previousYear}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" data-label="Indicateur">
                {row.label}
              </th>
              <td data-label={String(report.year)}>{row.current}</td>
              <td data-label={String(previousYear)}>{row.previous}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Coverage({ coverage, label }: { coverage: Section['coverage']; label: string }) {
  return <span className={`badge badge--${COVERAGE_BADGES[coverage]}`}>{label}</span>;
}

/** What the referential asks and how it scores: folded, it is the same every year. */
function Referential({ referential }: { referential: Report['referential'] }) {
  return (
    <details className="audit-disclosure-block">
      <summary>
        {referential.title} (annexe {referential.annex})
      </summary>
      <p>{referential.usage}</p>
      <p>
        <strong>Question évaluative :</strong> {referential.guidingQuestion}
      </p>
      <ul>
        {referential.purposes.map((purpose) => (
          <li key={purpose}>{purpose}</li>
        ))}
      </ul>
      <dl className="facts">
        {referential.scale.map((level) => (
          <Fragment key={level.symbol}>
            <dt>{level.symbol}</dt>
            <dd>{level.meaning}</dd>
          </Fragment>
        ))}
      </dl>
    </details>
  );
}

function Questions({ questions }: { questions: Section['questions'] }) {
  if (questions.length === 0) return null;
  return (
    <ul className="audit-report__questions">
      {questions.map((question) => (
        <li key={question.key} data-testid={`question-${question.key}`}>
          {question.text}{' '}
          <span className="muted">
            (
            {question.fromJournal
              ? 'les chiffres ci-dessous y répondent'
              : question.answer === null
                ? 'non renseigné'
                : 'réponse écrite'}
            )
          </span>
          {question.answer === null ? null : (
            <blockquote className="audit-report__answer">
              <p>{question.answer}</p>
              <p className="muted">
                Événement : <EvidenceLink positions={question.answerEvidence} about={question.text} />
              </p>
            </blockquote>
          )}
        </li>
      ))}
    </ul>
  );
}

function ReportSection({ section }: { section: Section }) {
  return (
    <section aria-labelledby={sectionAnchor(section)} className="audit-report__section">
      <h3 id={sectionAnchor(section)} tabIndex={-1}>
        {section.n}. {section.title} <Coverage coverage={section.coverage} label={section.coverageLabel} />
      </h3>
      <Questions questions={section.questions} />
      {section.blocks.map((block) => (
        <section key={block.key} aria-labelledby={`rapport-${block.key}`}>
          <h4 id={`rapport-${block.key}`}>{block.title}</h4>
          {block.figures.length === 0 ? (
            <p className="muted">Rien au journal.</p>
          ) : (
            <table className="table table--stacked audit-figures">
              <caption className="visually-hidden">{block.title}</caption>
              <thead>
                <tr>
                  <th scope="col">Indicateur</th>
                  <th scope="col">Valeur</th>
                  <th scope="col">Événements</th>
                </tr>
              </thead>
              <tbody>
                {block.figures.map((figure) => (
                  <tr key={figure.key} data-testid={`figure-${figure.key}`}>
                    <th scope="row" data-label="Indicateur">
                      {figure.label}
                    </th>
                    <td data-label="Valeur">
                      <strong>{figure.value}</strong>
                      {figure.details.length > 0 ? (
                        <ul className="audit-figures__details">
                          {figure.details.map((line) => (
                            <li key={line}>{line}</li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                    <td data-label="Événements">
                      <EvidenceLink positions={figure.evidence} about={figure.label} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {block.note ? <p className="hint">{block.note}</p> : null}
        </section>
      ))}
      {section.notes.map((note) => (
        <p key={note} className="hint">
          {note}
        </p>
      ))}
    </section>
  );
}
