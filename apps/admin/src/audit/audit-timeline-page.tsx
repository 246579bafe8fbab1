import { count } from '@cls/french';
import { useTRPC } from '@cls/web';
import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from '../router.js';
import { AuditEventsTable } from './audit-events-table.js';
import { useContractName } from './audit-question-fields.js';
import { type TimelineFilter, TimelineFilters, timelineFilterOf } from './audit-timeline-filters.js';
import { useSearchParams } from './audit-url.js';

const PAGE_SIZE = 50;

/** Every event of the log, newest first, filtered; older pages added below on demand. */
export function AuditTimelinePage() {
  const filter = timelineFilterOf(useSearchParams());
  const filtered = Object.entries(filter).some(([key, value]) => key !== 'time' && value);
  const contractName = useContractName(filter.contractId);
  return (
    <>
      <h1>{contractName ? `Chronologie du journal — ${contractName}` : 'Chronologie du journal'}</h1>
      <p className="hint">
        Chaque événement enregistré, du plus récent au plus ancien, avec qui l’a produit et quand. Ouvrez une
        ligne pour ses données et métadonnées, son type pour sa chaîne causale, son flux pour l’état de
        l’objet après chaque événement.
      </p>
      <TimelineFilters filter={filter} />
      {filtered ? (
        <p>
          <Link to="/audit">Effacer les filtres</Link>
        </p>
      ) : null}
      <TimelinePages filter={filter} />
    </>
  );
}

/**
 * The pages read so far: each older page starts before the last one's oldest
 * position (a cursor, so that events appended meanwhile shift nothing). A new
 * filter starts again from the newest, the previous rows shown until it answers.
 */
function TimelinePages({ filter }: { filter: TimelineFilter }) {
  const trpc = useTRPC();
  const key = JSON.stringify(filter);
  const [read, setRead] = useState<{ key: string; cursors: Array<number | undefined> }>({
    key,
    cursors: [undefined],
  });
  const cursors = read.key === key ? read.cursors : [undefined];
  const pages = useQueries({
    queries: cursors.map((before) => ({
      ...trpc.audit.timeline.queryOptions({ ...filter, before, limit: PAGE_SIZE }),
      placeholderData: keepPreviousData,
    })),
  });
  const events = pages.flatMap((page) => page.data?.events ?? []);
  // While an older page loads, its button stays (focus is not lost), saying so.
  const loadingMore = cursors.length > 1 && Boolean(pages.at(-1)?.isPending);
  const nextBefore = loadingMore ? (cursors.at(-1) ?? null) : (pages.at(-1)?.data?.nextBefore ?? null);
  const error = pages.find((page) => page.isError)?.error;
  const busy = pages.some((page) => page.isFetching);

  return (
    <>
      <p role="status" className="muted" data-testid="audit-timeline-count">
        {pages[0]?.isPending
          ? 'Chargement…'
          : events.length === 0
            ? 'Aucun événement ne répond à ces filtres.'
            : `${count(events.length, 'événement')} affiché${events.length > 1 ? 's' : ''}${nextBefore === null ? ' : le début du journal est atteint' : ''}.`}
      </p>
      {error ? <p role="alert">{error.message}</p> : null}
      {events.length > 0 ? (
        <AuditEventsTable events={events} caption="Chronologie du journal" busy={busy} />
      ) : null}
      {nextBefore !== null ? (
        <p>
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={loadingMore}
            onClick={() => {
              if (!loadingMore) setRead({ key, cursors: [...cursors, nextBefore] });
            }}
          >
            {loadingMore ? 'Chargement…' : 'Plus anciens'}
          </button>
        </p>
      ) : null}
    </>
  );
}
