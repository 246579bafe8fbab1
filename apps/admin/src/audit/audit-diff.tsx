import { count, frenchDate } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useQuery } from '@tanstack/react-query';
import { Link } from '../router.js';
import { EvidenceLink } from './audit-evidence-link.js';
import { nextDay } from './audit-format.js';
import { TIME_AXIS_LABELS, type TimeAxis } from './audit-labels.js';
import { timelineSearchOf } from './audit-timeline-filters.js';
import { auditPath } from './audit-url.js';

export interface DiffQuestion {
  contractId: string;
  /** The earlier day. */
  from: string;
  to: string;
  time: TimeAxis;
}

const KIND_LABELS = { added: 'Ajout', removed: 'Retrait', changed: 'Modification' } as const;
const KIND_BADGES = { added: 'completed', removed: 'abandoned', changed: 'in_progress' } as const;

/**
 * What changed in a contract between the ends of two days: one French sentence
 * per difference, each linked to the events that make it; and the way to every
 * event of the contract in that period, in the timeline.
 */
export function SnapshotDiff({ question }: { question: DiffQuestion }) {
  const trpc = useTRPC();
  const diff = useQuery(trpc.audit.diff.queryOptions(question));
  const period = `du ${frenchDate(question.from)} au ${frenchDate(question.to)}`;
  // The diff starts after the end of its first day: the timeline's first day is the next one.
  const timeline = auditPath.timeline(
    timelineSearchOf({
      contractId: question.contractId,
      time: question.time,
      from: nextDay(question.from),
      to: question.to,
    }),
  );
  return (
    <section aria-labelledby="audit-diff-title" className="audit-diff">
      <h2 id="audit-diff-title">Ce qui a changé {period}</h2>
      <p className="muted">{TIME_AXIS_LABELS[question.time].question} à chacune de ces deux dates.</p>
      {diff.isPending ? <p>Chargement…</p> : null}
      {diff.isError ? <p role="alert">{diff.error.message}</p> : null}
      {diff.data ? (
        <>
          <p role="status">
            {diff.data.changes.length === 0
              ? 'Rien n’a changé entre ces deux dates.'
              : `${count(diff.data.changes.length, 'changement')}.`}
          </p>
          <ul className="audit-changes-list" data-testid="audit-diff">
            {diff.data.changes.map((change) => (
              <li key={`${change.kind}:${change.path}`}>
                <span className={`badge badge--${KIND_BADGES[change.kind]}`}>{KIND_LABELS[change.kind]}</span>{' '}
                {change.label}{' '}
                <span className="audit-evidence">
                  (<EvidenceLink positions={change.evidence} about={change.label} />)
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link to={timeline}>Tous les événements du contrat {period}, dans la chronologie</Link>
      </p>
    </section>
  );
}
