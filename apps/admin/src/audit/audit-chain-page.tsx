import { count } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useQuery } from '@tanstack/react-query';
import { EventDetails } from './audit-event.js';
import { AuditEventsTable } from './audit-events-table.js';
import { eventTypeLabel } from './audit-labels.js';

/**
 * One event and its causal chain: every event of the same correlation (one
 * command, or one import, or the demo's loading), and the events of the command
 * that caused it when that was another command.
 */
export function AuditChainPage({ position }: { position: number }) {
  const trpc = useTRPC();
  const chain = useQuery(trpc.audit.chain.queryOptions({ position }));
  if (chain.isPending) return <p>Chargement…</p>;
  if (chain.isError) return <p role="alert">{chain.error.message}</p>;
  const { event, correlated, causes } = chain.data;
  return (
    <>
      <h1>
        Événement n° {event.position} — {eventTypeLabel(event.type)}
      </h1>
      <EventDetails event={event} chainLink={false} />

      <section aria-labelledby="audit-correlated-title">
        <h2 id="audit-correlated-title">Même opération : {count(correlated.length, 'événement')}</h2>
        <p className="hint">
          Les événements qui partagent sa corrélation
          {event.correlationId ? (
            <>
              {' '}
              <code className="audit-code">{event.correlationId}</code>
            </>
          ) : null}{' '}
          : ceux d’une même commande, d’un même import ou d’un même chargement, dans l’ordre du journal.
        </p>
        <AuditEventsTable
          events={correlated}
          caption={`Événements de la même opération que l’événement n° ${event.position}`}
          current={event.position}
        />
      </section>

      <section aria-labelledby="audit-causes-title">
        <h2 id="audit-causes-title">Causes</h2>
        {causes.length === 0 ? (
          <p>Aucune commande antérieure n’en est la cause : il vient directement de sa commande.</p>
        ) : (
          <AuditEventsTable
            events={causes}
            caption={`Événements de la commande qui a causé l’événement n° ${event.position}`}
          />
        )}
      </section>
    </>
  );
}
