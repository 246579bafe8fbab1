import { frenchDate } from '@cls/french';
import { type FormEvent, useId, useState } from 'react';
import { navigate } from '../router.js';
import { SnapshotDiff } from './audit-diff.js';
import { isTimeAxis, TIME_AXIS_LABELS, type TimeAxis } from './audit-labels.js';
import { ContractSelect, TimeAxisChoice, useContractName } from './audit-question-fields.js';
import { type AsOfQuestion, SnapshotView, useContractAsOf } from './audit-snapshot.js';
import { auditPath, useSearchParams } from './audit-url.js';

interface Question {
  contractId: string;
  date: string;
  time: TimeAxis;
  /** A second day: the changes between the two. */
  compare: string;
}

const questionOf = (params: URLSearchParams): Question => {
  const time = params.get('temps');
  return {
    contractId: params.get('contrat') ?? '',
    date: params.get('date') ?? '',
    time: isTimeAxis(time) ? time : 'occurred',
    compare: params.get('comparer') ?? '',
  };
};

/**
 * A contract as of a day, on either clock: what was true that day, or what the
 * log knew that day; with a second day, what changed between the two.
 */
export function AuditAsOfPage() {
  const params = useSearchParams();
  const question = questionOf(params);
  const asOf: AsOfQuestion | undefined =
    question.contractId && question.date
      ? { contractId: question.contractId, date: question.date, time: question.time }
      : undefined;
  const [from, to] = [question.date, question.compare].sort();
  const name = useContractName(asOf?.contractId);
  return (
    <>
      <h1>{name ? `État du contrat « ${name} » à une date` : 'État d’un contrat à une date'}</h1>
      {asOf ? <p className="muted">Identifiant : {asOf.contractId}</p> : null}
      <p className="hint">
        Le contrat tel que le journal seul le reconstitue à la fin d’un jour : soit ce qui était vrai ce
        jour-là (les faits datés jusqu’à ce jour, même enregistrés plus tard), soit ce que le journal savait
        ce jour-là (les seuls événements déjà enregistrés).
      </p>
      <AsOfForm key={params.toString()} question={question} />
      {asOf && question.compare && from && to ? (
        <SnapshotDiff question={{ contractId: asOf.contractId, from, to, time: asOf.time }} />
      ) : null}
      {asOf ? <Snapshot question={asOf} /> : null}
    </>
  );
}

function Snapshot({ question }: { question: AsOfQuestion }) {
  const snapshot = useContractAsOf(question);
  return (
    <section aria-labelledby="audit-as-of-title">
      <h2 id="audit-as-of-title">
        Le contrat au {frenchDate(question.date)}{' '}
        <span className="muted">— {TIME_AXIS_LABELS[question.time].question.toLowerCase()}</span>
      </h2>
      {snapshot.isPending ? <p>Chargement…</p> : null}
      {snapshot.isError ? <p role="alert">{snapshot.error.message}</p> : null}
      {snapshot.data ? <SnapshotView snapshot={snapshot.data} /> : null}
    </section>
  );
}

/** The question, sent as a URL (each answer is a page of history: Back returns to the previous one). */
function AsOfForm({ question }: { question: Question }) {
  const id = useId();
  const [draft, setDraft] = useState(question);
  const [missing, setMissing] = useState(false);
  const set = (values: Partial<Question>) => setDraft((current) => ({ ...current, ...values }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!draft.contractId || !draft.date);
    if (!draft.contractId || !draft.date) return;
    navigate(
      auditPath.asOf({
        contrat: draft.contractId,
        date: draft.date,
        temps: draft.time,
        comparer: draft.compare,
      }),
    );
  };
  return (
    <form className="audit-question" onSubmit={submit} noValidate aria-label="État à une date">
      <ContractSelect value={draft.contractId} onChange={(contractId) => set({ contractId })} />
      <div className="audit-question__dates">
        <div className="field">
          <label htmlFor={`${id}-date`}>Date</label>
          <input
            id={`${id}-date`}
            type="date"
            value={draft.date}
            onChange={(event) => set({ date: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-compare`}>Comparer avec le (facultatif)</label>
          <input
            id={`${id}-compare`}
            type="date"
            value={draft.compare}
            onChange={(event) => set({ compare: event.target.value })}
          />
        </div>
      </div>
      <TimeAxisChoice value={draft.time} onChange={(time) => set({ time })} />
      <button type="submit" className="button">
        Afficher
      </button>
      <p role="status" className="form-message form-message--error">
        {missing ? 'Choisissez un contrat et une date.' : ''}
      </p>
    </form>
  );
}
