import { count } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import type { LoggedEvent } from './audit-event.js';
import { AuditEventsTable } from './audit-events-table.js';
import { positionsOf, useSearchParams } from './audit-url.js';

const PAGE_SIZE = 25;

/**
 * The events a figure of the report, an element as of a date or a change rests
 * on, by their positions in the log (`?positions=3,7,12&objet=…`).
 */
export function AuditEvidencePage() {
  const params = useSearchParams();
  const positions = positionsOf(params.get('positions'));
  const about = params.get('objet');
  return (
    <>
      <h1>Preuves{about ? ` : ${about}` : ''}</h1>
      <p className="hint">
        Les événements du journal sur lesquels cela repose, dans l’ordre du journal. Ouvrez-en un pour ses
        données, son type pour sa chaîne causale.
      </p>
      {positions.length === 0 ? (
        <p>Aucun événement : le journal ne contient rien qui l’établisse.</p>
      ) : (
        <EvidenceEvents key={positions.join(',')} positions={positions} />
      )}
    </>
  );
}

/**
 * Each event read alone: the timeline's newest event before `position + 1` is
 * that event. A page at a time, so that a figure resting on hundreds of events
 * does not load them all at once.
 */
function EvidenceEvents({ positions }: { positions: number[] }) {
  const trpc = useTRPC();
  const [shown, setShown] = useState(PAGE_SIZE);
  const reads = useQueries({
    queries: positions
      .slice(0, shown)
      .map((position) => trpc.audit.timeline.queryOptions({ before: position + 1, limit: 1 })),
  });
  // A position the timeline lacks answers with an older event: that one is not shown.
  const events = reads
    .map((read, index) => read.data?.events.find((event) => event.position === positions[index]))
    .filter((event): event is LoggedEvent => event !== undefined);
  const missing = reads.filter(
    (read, index) => read.data && read.data.events[0]?.position !== positions[index],
  );
  const error = reads.find((read) => read.isError)?.error;
  const loading = reads.some((read) => read.isPending);
  return (
    <>
      <p role="status" className="muted">
        {count(positions.length, 'événement')}
        {shown < positions.length ? ` (les ${shown} premiers affichés)` : ''}.
      </p>
      {error ? <p role="alert">{error.message}</p> : null}
      {missing.length > 0 ? (
        <p role="alert">
          {count(missing.length, 'position introuvable', 'positions introuvables')} dans la chronologie.
        </p>
      ) : null}
      <AuditEventsTable events={events} caption="Événements sur lesquels cela repose" busy={loading} />
      {shown < positions.length ? (
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setShown(shown + PAGE_SIZE)}
          >
            Afficher les suivants
          </button>
        </p>
      ) : null}
    </>
  );
}
