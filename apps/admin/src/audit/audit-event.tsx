import type { AuditEvent } from '@cls/api/schemas';
import { frenchEventTime, frenchInstant } from '@cls/french';
import { Link } from '../router.js';
import { stableJson } from './audit-format.js';
import { actorLabel, eventTypeLabel } from './audit-labels.js';
import { auditPath } from './audit-url.js';

/** An event as the API sends it: over JSON, a payload that may be `undefined` reads as optional. */
export type LoggedEvent = Omit<AuditEvent, 'data'> & { data?: unknown };

/** When it happened, on the business clock: a day, or an instant (the exact value on hover). */
export function OccurredAt({ event }: { event: Pick<AuditEvent, 'occurredAt'> }) {
  return (
    <time dateTime={event.occurredAt} title={event.occurredAt}>
      {frenchEventTime(event.occurredAt)}
    </time>
  );
}

/** When the log recorded it, to the second. */
export function RecordedAt({ event }: { event: Pick<AuditEvent, 'recordedAt'> }) {
  return (
    <time dateTime={event.recordedAt} title={event.recordedAt}>
      {frenchInstant(event.recordedAt)}
    </time>
  );
}

/** A link to a stream's history, at the event's revision. */
export function StreamLink({ event }: { event: Pick<AuditEvent, 'stream' | 'revision'> }) {
  return (
    <Link to={auditPath.stream(event.stream, event.revision)} className="audit-code">
      {event.stream}
      <span className="muted"> #{event.revision}</span>
    </Link>
  );
}

/** An identifier that may be absent (an event of the demo's loading has no command of a user). */
const Identifier = ({ value }: { value: string | null }) =>
  value ? <code className="audit-code">{value}</code> : <span className="muted">—</span>;

/**
 * Everything the log says of one event besides its data: where it is, who and
 * what caused it, both clocks, and the hashes that chain it to its stream.
 */
function EventFacts({ event }: { event: LoggedEvent }) {
  return (
    <dl className="facts audit-facts">
      <dt>Position</dt>
      <dd>
        <Link to={auditPath.event(event.position)}>n° {event.position}</Link>
      </dd>
      <dt>Flux (révision)</dt>
      <dd>
        <StreamLink event={event} />
      </dd>
      <dt>Contrat</dt>
      <dd>
        <Identifier value={event.contractId} />
      </dd>
      <dt>Acteur</dt>
      <dd>{actorLabel(event.actor)}</dd>
      <dt>Date des faits</dt>
      <dd>
        <OccurredAt event={event} />
      </dd>
      <dt>Date d’enregistrement</dt>
      <dd>
        <RecordedAt event={event} />
      </dd>
      <dt>Commande</dt>
      <dd>
        <Identifier value={event.commandId} />
      </dd>
      <dt>Corrélation</dt>
      <dd>
        <Identifier value={event.correlationId} />
      </dd>
      <dt>Cause</dt>
      <dd>
        <Identifier value={event.causationId} />
      </dd>
      <dt>Empreinte</dt>
      <dd>
        <Identifier value={event.hash} />
      </dd>
      <dt>Empreinte précédente</dt>
      <dd>
        <Identifier value={event.prevHash} />
      </dd>
    </dl>
  );
}

/** JSON as the log holds it, keys sorted, in a block that scrolls rather than widening the page. */
export function JsonBlock({ value }: { value: unknown }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling block must be reachable by keyboard to be scrolled.
    <pre className="audit-json" tabIndex={0}>
      {stableJson(value)}
    </pre>
  );
}

/** An event's metadata beside its data, and the way to its causal chain (unless the page is that chain). */
export function EventDetails({ event, chainLink = true }: { event: LoggedEvent; chainLink?: boolean }) {
  return (
    <div className="audit-event-details">
      <section aria-label={`Métadonnées de l’événement n° ${event.position}`}>
        <EventFacts event={event} />
        {chainLink ? (
          <p>
            <Link to={auditPath.event(event.position)}>
              Chaîne causale de l’événement n° {event.position}
            </Link>
          </p>
        ) : null}
      </section>
      <section aria-label={`Données de l’événement n° ${event.position}`}>
        <h3 className="audit-subtitle">Données</h3>
        <JsonBlock value={event.data} />
      </section>
    </div>
  );
}

/** `Contrat signé`, linked to the event's page (its chain). */
export function EventTypeLink({ event }: { event: Pick<AuditEvent, 'type' | 'position'> }) {
  return <Link to={auditPath.event(event.position)}>{eventTypeLabel(event.type)}</Link>;
}
