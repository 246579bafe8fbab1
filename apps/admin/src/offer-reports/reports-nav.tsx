import { Link } from '../router.js';
import { useReportQueue } from './use-report-queue.js';

/** « Signalements » in the header, with how many wait for a check. */
export function ReportsNavLink() {
  const queue = useReportQueue();
  const pending = queue.data?.length ?? 0;
  return (
    <Link to="/signalements">
      Signalements
      {pending > 0 ? (
        <>
          {' '}
          <span className="badge" data-testid="reports-count">
            {pending}
          </span>
          <span className="visually-hidden"> à vérifier</span>
        </>
      ) : null}
    </Link>
  );
}
