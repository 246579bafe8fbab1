import { mayDraftContract, type UserRole } from '@cls/domain';
import { useTRPC } from '@cls/web';
import { useQuery } from '@tanstack/react-query';
import { Link } from '../router.js';
import { CONTRACT_STATUS_LABELS } from '../shared/labels.js';

/**
 * What to do first when there is no contract to open: an administrator invites
 * a coordinator or creates a contract; a coordinator creates theirs; anyone else
 * asks an administrator.
 */
function FirstSteps({ grants }: { grants: ReadonlyArray<{ role: UserRole }> }) {
  const admin = grants.some((grant) => grant.role === 'admin');
  if (admin)
    return (
      <div className="notice" data-testid="first-steps">
        <h2>Pour commencer</h2>
        <p>Aucun contrat n’est encore enregistré sur la plateforme.</p>
        <ul>
          <li>
            <Link to="/utilisateurs">Invitez un coordinateur</Link> : il ou elle créera le contrat de son
            territoire ;
          </li>
          <li>
            ou <Link to="/contrats/nouveau">créez un contrat</Link> vous-même.
          </li>
        </ul>
      </div>
    );
  if (mayDraftContract(grants))
    return (
      <div className="notice" data-testid="first-steps">
        <h2>Pour commencer</h2>
        <p>Aucun contrat ne vous est encore confié.</p>
        <p>
          <Link to="/contrats/nouveau">Créez votre contrat</Link> : son nom, son porteur, sa période, son
          territoire et ses signataires. Vous en deviendrez le coordinateur ou la coordinatrice.
        </p>
      </div>
    );
  return (
    <div className="notice" data-testid="first-steps">
      <p>Aucun contrat ne vous est encore confié.</p>
      <p>
        Demandez à un administrateur de la plateforme de vous attribuer un rôle : coordinateur·rice d’un
        contrat ou pilote d’une action.
      </p>
    </div>
  );
}

/** The contracts this user may open (all of them for admins and auditors). */
export function ContractsPage({ grants }: { grants: ReadonlyArray<{ role: UserRole }> }) {
  const trpc = useTRPC();
  const contracts = useQuery(trpc.board.contracts.queryOptions());
  return (
    <section aria-labelledby="contracts-title">
      <h1 id="contracts-title">Vos contrats</h1>
      {contracts.isPending ? <p>Chargement…</p> : null}
      {contracts.isError ? <p role="alert">{contracts.error.message}</p> : null}
      {contracts.data?.length === 0 ? <FirstSteps grants={grants} /> : null}
      {contracts.data && contracts.data.length > 0 && mayDraftContract(grants) ? (
        <p>
          <Link to="/contrats/nouveau" className="button button--secondary">
            Nouveau contrat
          </Link>
        </p>
      ) : null}
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
