import { useTRPC } from '@cls/web';
import { useQuery } from '@tanstack/react-query';
import { contractStatusLabel } from '../labels.js';
import { Link } from '../router.js';

/** Every contract, public: what each territory committed to, for anyone to follow. */
export function ContractsPage() {
  const trpc = useTRPC();
  const contracts = useQuery(trpc.portal.contracts.queryOptions());
  return (
    <section aria-labelledby="contracts-title">
      <h1 id="contracts-title">Les contrats locaux de santé</h1>
      <p className="lead">
        Un contrat local de santé engage une collectivité, l’Agence régionale de santé et leurs partenaires
        sur des actions pour la santé d’un territoire. Chaque contrat publie ici ses actions et leur
        avancement.
      </p>
      {contracts.isPending ? <p>Chargement…</p> : null}
      {contracts.isError ? <p role="alert">{contracts.error.message}</p> : null}
      {contracts.data?.length === 0 ? <p>Aucun contrat n’est encore publié.</p> : null}
      <ul className="cards">
        {contracts.data?.map((contract) => (
          <li key={contract.contractId} className="card">
            <h2 className="card__title">
              <Link to={`/contrats/${encodeURIComponent(contract.contractId)}`}>{contract.name}</Link>
            </h2>
            <p>
              {contract.territoryName} · {contract.periodStart}–{contract.periodEnd} ·{' '}
              <span className={`badge badge--${contract.status}`}>
                {contractStatusLabel(contract.status)}
              </span>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
