import { frenchPercent } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useQuery } from '@tanstack/react-query';
import { Link } from '../router.js';
import { ACTION_STATUS_LABELS, PROGRESS_LABELS } from '../shared/labels.js';

/**
 * « Mes actions »: where a pilot lands — the actions they pilot, their state, and
 * a link to each one's page, where only the forms they may submit are shown.
 */
export function MyActionsPage() {
  const trpc = useTRPC();
  const actions = useQuery(trpc.board.myActions.queryOptions());
  return (
    <section aria-labelledby="my-actions-title">
      <h1 id="my-actions-title">Mes actions</h1>
      {actions.isPending ? <p>Chargement…</p> : null}
      {actions.isError ? <p role="alert">{actions.error.message}</p> : null}
      {actions.data?.length === 0 ? (
        <p>
          Aucune action ne vous est confiée : demandez à la coordination du contrat de vous en confier une.
        </p>
      ) : null}
      <ul className="cards" data-testid="my-actions">
        {actions.data?.map((action) => (
          <li key={action.actionId} className="card">
            <h2 className="card__title">
              <Link to={`/actions/${encodeURIComponent(action.actionId)}`}>
                {action.code} — {action.title}
              </Link>
            </h2>
            <p>
              <span className={`badge badge--${action.status}`}>{ACTION_STATUS_LABELS[action.status]}</span>
              {' · '}
              {action.progress ? PROGRESS_LABELS[action.progress] : 'avancement non renseigné'}
              {action.percentComplete !== null ? ` · ${frenchPercent(action.percentComplete)}` : ''}
            </p>
            <p className="muted">
              Fiche {action.ficheCode} · années prévues :{' '}
              {action.plannedYears.join(', ') || 'non renseignées'}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
