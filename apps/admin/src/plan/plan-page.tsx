import { DefineAxisSchema, DefineFicheActionSchema, PlanActionSchema } from '@cls/domain';
import { useTRPC } from '@cls/web';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '../router.js';
import { blanks } from '../shared/blanks.js';
import { CommandForm } from '../shared/command-form.js';
import { Disclosure } from '../shared/disclosure.js';
import { ACTION_STATUS_LABELS, CONTRACT_STATUS_LABELS } from '../shared/labels.js';
import { actionFields, axisFields, ficheFields } from './plan-fields.js';
import { actionIdOf } from './plan-inputs.js';
import { PlanIoPanel } from './plan-io-panel.js';

/**
 * Inputs left empty are sent empty rather than absent, so the schema's own French message
 * names what is missing (« code requis », « intitulé requis »), and an action's lists and
 * years default to none.
 */
const withBlanks = (input: Record<string, unknown>) => {
  const planned = (input.plannedYears ?? {}) as Record<string, unknown>;
  return {
    ...blanks('code', 'title')(input),
    pilots: input.pilots ?? [],
    plannedYears: { years: [], ...planned },
  };
};

/**
 * A contract's action plan: its axes, their fiches-actions and their actions, each to
 * add from here. Before the contract is signed, changes are direct commands.
 */
export function PlanPage({ contractId, canCommand }: { contractId: string; canCommand: boolean }) {
  const trpc = useTRPC();
  const overview = useQuery(trpc.board.overview.queryOptions({ contractId }));
  const actions = useQuery(trpc.board.actions.queryOptions({ contractId }));
  const defineAxis = useMutation(trpc.contract.defineAxis.mutationOptions());
  const defineFiche = useMutation(trpc.contract.defineFicheAction.mutationOptions());
  const planAction = useMutation(trpc.action.plan.mutationOptions());
  if (overview.isPending) return <p>Chargement…</p>;
  if (overview.isError) return <p role="alert">{overview.error.message}</p>;
  const { contract, axes } = overview.data;
  const editable = canCommand && contract.status === 'draft';

  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link> › <Link to={`/contrats/${contractId}`}>{contract.name}</Link>
      </p>
      <h1>Plan d’action</h1>
      <p>
        {contract.name} ·{' '}
        <span className={`badge badge--${contract.status}`} data-testid="contract-status">
          {CONTRACT_STATUS_LABELS[contract.status]}
        </span>
      </p>
      {contract.status === 'signed' ? (
        <p className="notice" data-testid="amendment-banner">
          Contrat signé : vos modifications forment un projet d’avenant, qui s’appliquera une fois signé par
          toutes les parties. <Link to={`/contrats/${contractId}/avenants`}>Voir les avenants</Link>
        </p>
      ) : null}
      {axes.length === 0 ? <p>Aucun axe pour l’instant : commencez par définir le premier axe.</p> : null}
      <ol className="plan" aria-label="Axes du plan">
        {axes.map((axis) => (
          <li key={axis.code} className="plan__axis">
            <section aria-labelledby={`axis-${axis.code}`}>
              <h2 id={`axis-${axis.code}`}>
                Axe {axis.code} — {axis.title}
              </h2>
              <ol className="plan__fiches" aria-label={`Fiches-actions de l’axe ${axis.code}`}>
                {axis.fiches.map((fiche) => {
                  const ficheActions = (actions.data ?? []).filter(
                    (action) => action.ficheCode === fiche.code,
                  );
                  return (
                    <li key={fiche.code} className="plan__fiche">
                      <section aria-labelledby={`fiche-${fiche.code}`}>
                        <h3 id={`fiche-${fiche.code}`}>
                          Fiche {fiche.code} — {fiche.title}
                        </h3>
                        {ficheActions.length === 0 ? (
                          <p className="muted">Aucune action.</p>
                        ) : (
                          <ul className="plan__actions" aria-label={`Actions de la fiche ${fiche.code}`}>
                            {ficheActions.map((action) => (
                              <li key={action.actionId} className="plan__action">
                                <Link to={`/actions/${action.actionId}`}>
                                  {action.code} — {action.title}
                                </Link>{' '}
                                <span className={`badge badge--${action.status}`}>
                                  {ACTION_STATUS_LABELS[action.status]}
                                </span>
                                <span className="muted">
                                  {' '}
                                  · {action.pilots.join(', ') || 'pilote non renseigné'} ·{' '}
                                  {action.plannedYears.length > 0
                                    ? action.plannedYears.join(', ')
                                    : 'années non renseignées'}{' '}
                                  · {action.deliverablesPlanned} livrable
                                  {action.deliverablesPlanned > 1 ? 's' : ''} prévu
                                  {action.deliverablesPlanned > 1 ? 's' : ''}
                                </span>
                              </li>
                            ))}
                          </ul>
                        )}
                        {editable ? (
                          <Disclosure label={`Ajouter une action à la fiche ${fiche.code}`}>
                            <CommandForm
                              title={`Nouvelle action — fiche ${fiche.code}`}
                              schema={PlanActionSchema}
                              fields={actionFields()}
                              fixed={{ contractId, ficheCode: fiche.code }}
                              transform={(input) =>
                                withBlanks({
                                  ...input,
                                  actionId: actionIdOf(contractId, String(input.code ?? '')),
                                })
                              }
                              mutation={planAction}
                              submitLabel="Ajouter l’action"
                            />
                          </Disclosure>
                        ) : null}
                      </section>
                    </li>
                  );
                })}
              </ol>
              {editable ? (
                <Disclosure label={`Ajouter une fiche-action à l’axe ${axis.code}`}>
                  <CommandForm
                    title={`Nouvelle fiche-action — axe ${axis.code}`}
                    schema={DefineFicheActionSchema}
                    fields={ficheFields()}
                    fixed={{ contractId, axisCode: axis.code }}
                    transform={blanks('code', 'title')}
                    mutation={defineFiche}
                    submitLabel="Ajouter la fiche"
                  />
                </Disclosure>
              ) : null}
            </section>
          </li>
        ))}
      </ol>
      {editable ? (
        <CommandForm
          title="Nouvel axe"
          schema={DefineAxisSchema}
          fields={axisFields()}
          fixed={{ contractId }}
          transform={blanks('code', 'title')}
          mutation={defineAxis}
          submitLabel="Ajouter l’axe"
        />
      ) : null}
      <PlanIoPanel contractId={contractId} status={contract.status} canCommand={canCommand} />
    </>
  );
}
