import { evaluationIdOf } from '@cls/domain';
import { frenchDate } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link, navigate } from '../router.js';
import { thisYear } from '../shared/labels.js';
import { isTimeAxis, type TimeAxis } from './audit-labels.js';
import { ContractSelect, TimeAxisChoice, useContractName } from './audit-question-fields.js';
import { type ReportQuestion, ReportView, useEvaluationReport } from './audit-report.js';
import { auditPath, searchOf, useSearchParams } from './audit-url.js';

interface Draft {
  contractId: string;
  year: string;
  closingDate: string;
  time: TimeAxis;
}

const draftOf = (params: URLSearchParams): Draft => {
  const time = params.get('temps');
  return {
    contractId: params.get('contrat') ?? '',
    year: params.get('annee') ?? String(thisYear() - 1),
    closingDate: params.get('cloture') ?? '',
    // The same clock as « À une date » by default: what was true that day; the log's own clock on request.
    time: isTimeAxis(time) ? time : 'occurred',
  };
};

const questionOf = (draft: Draft): ReportQuestion | undefined => {
  const year = Number(draft.year);
  if (!draft.contractId || !Number.isInteger(year) || year < 1990 || year > 2100) return undefined;
  return {
    contractId: draft.contractId,
    year,
    ...(draft.closingDate ? { closingDate: draft.closingDate } : {}),
    time: draft.time,
  };
};

/** The annual evaluation report of a contract, from the log alone, with its printable and data versions. */
export function AuditReportPage() {
  const params = useSearchParams();
  const asked = params.has('contrat') ? questionOf(draftOf(params)) : undefined;
  const name = useContractName(asked?.contractId);
  return (
    <>
      <h1>{name ? `Rapport annuel d’évaluation — ${name}` : 'Rapport annuel d’évaluation'}</h1>
      {asked ? <p className="muted">Identifiant : {asked.contractId}</p> : null}
      <p className="hint">
        Le référentiel d’évaluation et bilan (annexe 4) rempli par le journal seul : chaque chiffre renvoie
        aux événements qui le justifient, les réponses écrites de l’évaluation aussi ; une question à laquelle
        personne n’a répondu est dite « non renseigné », jamais devinée.
      </p>
      <ReportForm key={params.toString()} draft={draftOf(params)} />
      {asked ? <Report question={asked} /> : null}
    </>
  );
}

function Report({ question }: { question: ReportQuestion }) {
  const report = useEvaluationReport(question);
  return (
    <>
      <Exports question={question} />
      {report.isPending ? <p>Chargement…</p> : null}
      {report.isError ? <p role="alert">{report.error.message}</p> : null}
      <Publication question={question} />
      {report.data ? <ReportView report={report.data} /> : null}
    </>
  );
}

const SIGNATURE_LABELS = {
  valid: 'valide (clé de la plateforme)',
  invalid: 'invalide',
  'unknown-key': 'd’une autre clé',
} as const;

/**
 * The year's published evaluation, when there is one: the hash its publication sealed
 * and its signature, and the report re-derived from the log up to the position it covers
 * (a later replay) compared with it — « Rapport publié intact », or what fails.
 */
function Publication({ question }: { question: ReportQuestion }) {
  const trpc = useTRPC();
  const evaluationId = evaluationIdOf(question.contractId, question.year);
  const check = useQuery({ ...trpc.audit.publication.queryOptions({ evaluationId }), retry: false });
  const data = check.data;
  if (!data?.publishedOn) return null;
  const seal = data.seal;
  return (
    <section className="card" aria-labelledby="audit-publication-title" data-testid="audit-publication">
      <h2 id="audit-publication-title" className="card__title">
        Rapport publié le {frenchDate(data.publishedOn)}
      </h2>
      {seal ? (
        <dl className="audit-publication">
          <dt>Empreinte SHA-256 publiée</dt>
          <dd>
            <code className="audit-hash" data-testid="published-hash">
              {seal.contentHash}
            </code>
          </dd>
          <dt>Journal couvert</dt>
          <dd>jusqu’à la position {seal.coversPosition}</dd>
          <dt>Signature Ed25519 (clé {seal.keyId})</dt>
          <dd>
            <code className="audit-hash">{seal.signature}</code> —{' '}
            {data.signature ? SIGNATURE_LABELS[data.signature] : 'non renseigné'}
          </dd>
          <dt>Empreinte du rapport rejoué depuis le journal</dt>
          <dd>
            <code className="audit-hash" data-testid="replayed-hash">
              {data.recomputedHash ?? 'non renseigné'}
            </code>
          </dd>
        </dl>
      ) : null}
      <p
        role="status"
        data-testid="publication-verdict"
        className={data.intact ? 'badge badge--completed' : 'badge badge--suspended'}
      >
        {data.verdict}
      </p>
      <p>
        <button type="button" className="button button--secondary" onClick={() => void check.refetch()}>
          Rejouer et comparer à nouveau
        </button>{' '}
        <Link
          to={auditPath.report({
            contrat: question.contractId,
            annee: question.year,
            cloture: seal?.closingDate ?? data.publishedOn,
            temps: seal ? 'recorded' : 'occurred',
          })}
        >
          Le rapport à sa date de publication
        </Link>
      </p>
    </section>
  );
}

/**
 * The same report as a printable document and as data, served by the API
 * (`/api/audit/report.*`, which names the files).
 */
function Exports({ question }: { question: ReportQuestion }) {
  const search = searchOf({ ...question });
  return (
    <ul className="inline-list audit-exports" aria-label="Versions du rapport">
      <li>
        <a className="button button--secondary" href={`/api/audit/report.html${search}`}>
          Version imprimable (HTML)
        </a>
      </li>
      <li>
        <a className="button button--secondary" href={`/api/audit/report.csv${search}`} download>
          Télécharger en CSV
        </a>
      </li>
      <li>
        <a className="button button--secondary" href={`/api/audit/report.json${search}`} download>
          Télécharger en JSON
        </a>
      </li>
    </ul>
  );
}

function ReportForm({ draft: initial }: { draft: Draft }) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [invalid, setInvalid] = useState(false);
  const set = (values: Partial<Draft>) => setDraft((current) => ({ ...current, ...values }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const question = questionOf(draft);
    setInvalid(!question);
    if (!question) return;
    navigate(
      auditPath.report({
        contrat: question.contractId,
        annee: question.year,
        cloture: question.closingDate,
        temps: question.time,
      }),
    );
  };
  return (
    <form className="audit-question" onSubmit={submit} noValidate aria-label="Rapport annuel">
      <ContractSelect value={draft.contractId} onChange={(contractId) => set({ contractId })} />
      <div className="audit-question__dates">
        <div className="field">
          <label htmlFor={`${id}-year`}>Année évaluée</label>
          <input
            id={`${id}-year`}
            inputMode="numeric"
            value={draft.year}
            onChange={(event) => set({ year: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-closing`}>Arrêté au (facultatif)</label>
          <span className="field__hint" id={`${id}-closing-hint`}>
            Par défaut le 31 décembre de l’année
          </span>
          <input
            id={`${id}-closing`}
            type="date"
            aria-describedby={`${id}-closing-hint`}
            value={draft.closingDate}
            onChange={(event) => set({ closingDate: event.target.value })}
          />
        </div>
      </div>
      <TimeAxisChoice value={draft.time} onChange={(time) => set({ time })} />
      <button type="submit" className="button">
        Établir le rapport
      </button>
      <p role="status" className="form-message form-message--error">
        {invalid ? 'Choisissez un contrat et une année (quatre chiffres).' : ''}
      </p>
    </form>
  );
}
