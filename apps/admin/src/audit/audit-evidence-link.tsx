import { count } from '@cls/french';
import { Link } from '../router.js';
import { auditPath } from './audit-url.js';

/**
 * The events something rests on: one event links to its page (with its chain),
 * several to the list of them; none says so (never an empty link).
 */
export function EvidenceLink({ positions, about }: { positions: readonly number[]; about: string }) {
  const [only] = positions;
  if (only === undefined) return <span className="muted">aucun événement</span>;
  if (positions.length === 1)
    return (
      <Link to={auditPath.event(only)}>
        n° {only}
        <span className="visually-hidden"> : l’événement de « {about} »</span>
      </Link>
    );
  return (
    <Link to={auditPath.evidence(positions, about)}>
      {count(positions.length, 'événement')}
      <span className="visually-hidden"> : ceux de « {about} »</span>
    </Link>
  );
}
