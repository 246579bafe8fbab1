import { count } from '@cls/french';
import { useTRPC } from '@cls/web';
import { skipToken, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { Link, navigate } from '../router.js';
import { JsonBlock, type LoggedEvent, OccurredAt, RecordedAt } from './audit-event.js';
import { jsonChanges, stableJson } from './audit-format.js';
import { actorLabel, eventTypeLabel } from './audit-labels.js';
import { useContractName } from './audit-question-fields.js';
import { auditPath, searchOf } from './audit-url.js';

type StreamEvent = LoggedEvent & { stateAfter?: unknown };

const CONTRACT_STREAM = 'contract-';

/** A stream's events with, after each, the state its aggregate folds to and what the event changed in it. */
export function AuditStreamPage({ stream }: { stream: string | undefined }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.audit.stream.queryOptions(stream ? { stream } : skipToken));
  const events = history.data?.events;
  useScrollToRevision(events !== undefined);
  // A contract's stream is titled by the contract's name; its id stays below, as the log writes it.
  const name = useContractName(
    stream?.startsWith(CONTRACT_STREAM) ? stream.slice(CONTRACT_STREAM.length) : undefined,
  );
  return (
    <>
      <h1>{name ? `Flux du contrat « ${name} »` : stream ? `Flux ${stream}` : 'Flux'}</h1>
      {name ? <p className="muted">Identifiant : {stream}</p> : null}
      <p className="hint">
        Un flux est l’histoire d’un objet (un contrat, une action, une offre…) : ses événements dans l’ordre
        de leurs révisions, et son état après chacun, tel que le journal seul le reconstitue.
      </p>
      <StreamForm key={stream} stream={stream} />
      {history.isPending && stream ? <p>Chargement…</p> : null}
      {history.isError ? <p role="alert">{history.error.message}</p> : null}
      {events ? (
        <>
          <p role="status">{count(events.length, 'événement')}.</p>
          <p>
            <a href={`/api/audit/export.ndjson${searchOf({ stream })}`} download>
              Exporter ce flux (NDJSON, avec ses empreintes)
            </a>
          </p>
          <ol className="audit-revisions">
            {events.map((event, index) => (
              <Revision key={event.position} event={event} before={events[index - 1]?.stateAfter ?? null} />
            ))}
          </ol>
        </>
      ) : null}
    </>
  );
}

/** Opens a stream by its name (`contract-…`, `action-…`, `offer-…`), as the log writes it. */
function StreamForm({ stream }: { stream: string | undefined }) {
  const id = useId();
  const [name, setName] = useState(stream ?? '');
  const open = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) navigate(auditPath.stream(name.trim()));
  };
  return (
    <form className="audit-inline-form" onSubmit={open} aria-label="Ouvrir un flux">
      <div className="field">
        <label htmlFor={`${id}-stream`}>Nom du flux</label>
        <span className="field__hint" id={`${id}-hint`}>
          &lt;catégorie&gt;-&lt;identifiant&gt;, par exemple contract-cls-coeur-herault-2024
        </span>
        <input
          id={`${id}-stream`}
          aria-describedby={`${id}-hint`}
          value={name}
          onChange={(event) => setName(event.target.value)}
          spellCheck={false}
          autoCapitalize="off"
        />
      </div>
      <button type="submit" className="button">
        Ouvrir
      </button>
    </form>
  );
}

/** One event of the stream: what it is, what it changed in the state, the state after it and its data. */
function Revision({ event, before }: { event: StreamEvent; before: unknown }) {
  const changes = jsonChanges(before, event.stateAfter);
  const titleId = `revision-${event.revision}-title`;
  return (
    <li id={`revision-${event.revision}`} tabIndex={-1} className="audit-revision">
      <article aria-labelledby={titleId}>
        <h2 id={titleId} className="audit-revision__title">
          Révision {event.revision} · {eventTypeLabel(event.type)}
        </h2>
        <p className="muted">
          <Link to={auditPath.event(event.position)}>n° {event.position}</Link> · faits du{' '}
          <OccurredAt event={event} /> · enregistré le <RecordedAt event={event} /> ·{' '}
          {actorLabel(event.actor)}
        </p>
        {changes.length === 0 ? (
          <p>État inchangé.</p>
        ) : (
          <table className="table table--stacked audit-changes">
            <caption className="audit-changes__caption">
              Ce que l’événement a changé ({count(changes.length, 'valeur')})
            </caption>
            <thead>
              <tr>
                <th scope="col">Chemin</th>
                <th scope="col">Avant</th>
                <th scope="col">Après</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((change) => (
                <tr key={change.path}>
                  <th scope="row" data-label="Chemin">
                    <code className="audit-code">{change.path}</code>
                  </th>
                  <td data-label="Avant">
                    <Value value={change.before} />
                  </td>
                  <td data-label="Après">
                    <Value value={change.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <details className="audit-disclosure-block">
          <summary>État après l’événement</summary>
          <JsonBlock value={event.stateAfter} />
        </details>
        <details className="audit-disclosure-block">
          <summary>Données de l’événement</summary>
          <JsonBlock value={event.data} />
        </details>
      </article>
    </li>
  );
}

/** A value of the state: absent, or its JSON (short ones inline, long ones as a block). */
function Value({ value }: { value: unknown }) {
  if (value === undefined) return <span className="muted">absent</span>;
  const text = stableJson(value);
  return text.includes('\n') ? (
    <pre className="audit-json audit-json--small">{text}</pre>
  ) : (
    <code className="audit-code">{text}</code>
  );
}

/** A link to `#revision-3` brings that revision into view and focus once the stream is read. */
function useScrollToRevision(ready: boolean) {
  useEffect(() => {
    if (!ready || !window.location.hash.startsWith('#revision-')) return;
    const target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    target?.scrollIntoView({ block: 'start' });
    target?.focus({ preventScroll: true });
  }, [ready]);
}
