import { Fragment, useId, useState } from 'react';
import {
  EventDetails,
  EventTypeLink,
  type LoggedEvent,
  OccurredAt,
  RecordedAt,
  StreamLink,
} from './audit-event.js';
import { actorLabel } from './audit-labels.js';

/**
 * Events as a table, one row each, each row opening in place on the event's
 * metadata and data (a disclosure button: its state is read out, Enter or Space
 * toggles it). On a phone the rows stack.
 */
export function AuditEventsTable({
  events,
  caption,
  current,
  busy = false,
}: {
  events: LoggedEvent[];
  caption: string;
  /** The position of the event the page is about, marked among the others. */
  current?: number;
  busy?: boolean;
}) {
  const id = useId();
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (position: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(position)) next.add(position);
      return next;
    });
  return (
    <table className="table table--stacked audit-events" aria-busy={busy}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">N°</th>
          <th scope="col">Événement</th>
          <th scope="col">Date des faits</th>
          <th scope="col">Enregistré le</th>
          <th scope="col">Flux</th>
          <th scope="col">Acteur</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => {
          const expanded = open.has(event.position);
          const detailsId = `${id}-${event.position}`;
          return (
            <Fragment key={event.position}>
              <tr
                className={event.position === current ? 'audit-events__current' : undefined}
                aria-current={event.position === current ? 'true' : undefined}
                data-testid={`audit-event-${event.position}`}
              >
                <th scope="row" data-label="N°">
                  <button
                    type="button"
                    className="audit-disclosure"
                    aria-expanded={expanded}
                    aria-controls={expanded ? detailsId : undefined}
                    onClick={() => toggle(event.position)}
                  >
                    <span className="visually-hidden">Détails de l’événement </span>n° {event.position}
                  </button>
                </th>
                <td data-label="Événement">
                  <EventTypeLink event={event} />
                </td>
                <td data-label="Date des faits">
                  <OccurredAt event={event} />
                </td>
                <td data-label="Enregistré le">
                  <RecordedAt event={event} />
                </td>
                <td data-label="Flux">
                  <StreamLink event={event} />
                </td>
                <td data-label="Acteur">{actorLabel(event.actor)}</td>
              </tr>
              {expanded ? (
                <tr id={detailsId} className="audit-events__details">
                  <td colSpan={6}>
                    <EventDetails event={event} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
