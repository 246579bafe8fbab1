import { useTRPC } from '@cls/web';
import { useQuery } from '@tanstack/react-query';
import { Link } from '../router.js';
import { CONTRACT_STATUS_LABELS } from '../shared/labels.js';

/** The contracts this user may open (all of them for admins and auditors). */
export function ContractsPage() {
  const trpc = useTRPC();
  const contracts = useQuery(trpc.board.contracts.queryOptions());
  return (
    <section aria-labelledby="contracts-title">
      <h1 id="contracts-title">Vos contrats</h1>
      {contracts.isPending ? <p>Chargement…</p> : null}
      {contracts.isError ? <p role="alert">{contracts.error.message}</p> : null}
      {contracts.data?.length === 0 ? <p>Aucun contrat ne vous est encore confié.</p> : null}
      <ul className="cards">
        {contracts.data?.map((contract) => (
          <li key={contract.contractId} className="card">
            <h2 className="card__title">
              <Link to={`/contrats/${contract.contractId}`}>{contract.name}</Link>
            </h2>
            <p>
              {contract.territory} · {contract.periodStart}–{contract.periodEnd} ·{' '}
              <span className={`badge badge--${contract.status}`}>
                {CONTRACT_STATUS_LABELS[contract.status]}
              </span>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
