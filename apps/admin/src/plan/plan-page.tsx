import {
  DefineAxisSchema,
  DefineFicheActionSchema,
  MoveActionSchema,
  MoveFicheActionSchema,
  PlanActionSchema,
  type PlanChange,
  prsObjectivesOf,
  ReportFicheProgressSchema,
  UpdateActionSchema,
  UpdateAxisSchema,
  UpdateFicheActionSchema,
  WithdrawActionSchema,
  WithdrawAxisSchema,
  WithdrawFicheActionSchema,
} from '@cls/domain';
import { frenchDate } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from '../router.js';
import { blanks } from '../shared/blanks.js';
import { CommandForm, type FormMutation } from '../shared/command-form.js';
import { Disclosure } from '../shared/disclosure.js';
import { isConcurrentChange } from '../shared/form-values.js';
import { ACTION_STATUS_LABELS, CONTRACT_STATUS_LABELS, percent, today } from '../shared/labels.js';
import { type AmendmentView, currentDraft, useAmendments } from './amendments-data.js';
import { describePlanChange, PLAN_FIELD_LABELS } from './plan-changes.js';
import { intoAmendment, nextAmendment } from './plan-changes-sender.js';
import {
  actionFields,
  axisFields,
  ficheFields,
  ficheProgressFields,
  onlyChanged,
  withEffectiveOn,
} from './plan-fields.js';
import { actionIdOf } from './plan-inputs.js';
import { PlanIoPanel } from './plan-io-panel.js';
import {
  moved,
  type PlanActionView,
  type PlanAxisView,
  type PlanFicheView,
  type PlanView,
  planFromRead,
  planNames,
} from './plan-tree.js';

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

type Mode = 'direct' | 'amendment' | 'read';

/**
 * The mutations of the plan's forms: direct commands while the contract is a draft; once it
 * is signed, each change joins the draft avenant (started by the first change).
 */
function usePlanMutations(contractId: string, mode: Mode, amendments: readonly AmendmentView[]) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const direct = {
    defineAxis: useMutation(trpc.contract.defineAxis.mutationOptions()),
    updateAxis: useMutation(trpc.contract.updateAxis.mutationOptions()),
    withdrawAxis: useMutation(trpc.contract.withdrawAxis.mutationOptions()),
    defineFiche: useMutation(trpc.contract.defineFicheAction.mutationOptions()),
    updateFiche: useMutation(trpc.contract.updateFicheAction.mutationOptions()),
    moveFiche: useMutation(trpc.contract.moveFicheAction.mutationOptions()),
    withdrawFiche: useMutation(trpc.contract.withdrawFicheAction.mutationOptions()),
    reorder: useMutation(trpc.contract.reorderPlan.mutationOptions()),
    planAction: useMutation(trpc.action.plan.mutationOptions()),
    updateAction: useMutation(trpc.action.update.mutationOptions()),
    moveAction: useMutation(trpc.action.move.mutationOptions()),
    withdrawAction: useMutation(trpc.action.withdraw.mutationOptions()),
  };
  const draftAmendment = useMutation(trpc.contract.draftAmendment.mutationOptions());
  const editDraft = useMutation(trpc.contract.editAmendmentDraft.mutationOptions());
  const draft = currentDraft(amendments);
  // The draft's changes as read, plus this one: sent with the revision they were read at, so two
  // additions at once are a 409 for the second (reload, add again), never one lost.
  const add = async (change: PlanChange, commandId: string) => {
    if (draft)
      await editDraft.mutateAsync({
        contractId,
        amendmentId: draft.amendmentId,
        changes: [...draft.changes, change],
        commandId,
        ...(draft.revision === undefined ? {} : { expectedRevision: draft.revision }),
      });
    else
      await draftAmendment.mutateAsync({
        contractId,
        ...nextAmendment(contractId, amendments.length),
        changes: [change],
        commandId,
      });
    await queryClient.invalidateQueries();
  };
  const pending = draftAmendment.isPending || editDraft.isPending;
  const pick = <Input extends Record<string, unknown>>(
    directMutation: FormMutation<Input>,
    type: PlanChange['type'],
  ): FormMutation<Input> =>
    mode === 'amendment' ? intoAmendment<Input>(type, add, pending) : directMutation;
  return {
    defineAxis: pick(direct.defineAxis, 'DefineAxis'),
    updateAxis: pick(direct.updateAxis, 'UpdateAxis'),
    withdrawAxis: pick(direct.withdrawAxis, 'WithdrawAxis'),
    defineFiche: pick(direct.defineFiche, 'DefineFicheAction'),
    updateFiche: pick(direct.updateFiche, 'UpdateFicheAction'),
    moveFiche: pick(direct.moveFiche, 'MoveFicheAction'),
    withdrawFiche: pick(direct.withdrawFiche, 'WithdrawFicheAction'),
    reorder: pick(direct.reorder, 'ReorderPlan'),
    planAction: pick(direct.planAction, 'PlanAction'),
    updateAction: pick(direct.updateAction, 'UpdateAction'),
    moveAction: pick(direct.moveAction, 'MoveAction'),
    withdrawAction: pick(direct.withdrawAction, 'WithdrawAction'),
  };
}

type PlanMutations = ReturnType<typeof usePlanMutations>;

/** The button to focus once the item it moved is drawn at its new place. */
let focusAfterMove: string | undefined;

/** « Monter » / « Descendre »: a level's new order, sent like any change; the focus stays on the button. */
function OrderButtons({
  what,
  index,
  order,
  send,
  buttonId,
}: {
  what: string;
  index: number;
  order: string[];
  send: (order: string[]) => Promise<void>;
  buttonId: (direction: 'up' | 'down') => string;
}) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | undefined>();
  // Once drawn at its new place (moving it in the page dropped the focus), the moved item's button takes it back.
  useEffect(() => {
    if (index < 0) return;
    for (const direction of ['up', 'down'] as const)
      if (focusAfterMove === buttonId(direction)) {
        document.getElementById(focusAfterMove)?.focus();
        focusAfterMove = undefined;
      }
  });
  const go = async (step: -1 | 1) => {
    const next = moved(order, index, step);
    if (!next) return;
    setError(undefined);
    try {
      await send(next);
      await queryClient.invalidateQueries();
      // The item is drawn at its new place: its button keeps the focus there.
      // At an end, its button is disabled: the other one takes the focus.
      const atEnd = step < 0 ? index + step === 0 : index + step === order.length - 1;
      const direction = step < 0 !== atEnd ? 'up' : 'down';
      focusAfterMove = buttonId(direction);
    } catch (failure) {
      // Someone changed the plan meanwhile (409): the order is read again, to be moved from there.
      if (isConcurrentChange(failure)) {
        await queryClient.invalidateQueries();
        setError('Le plan a changé entre-temps : il est rechargé, recommencez si besoin.');
      } else setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <>
      <button
        type="button"
        id={buttonId('up')}
        className="button button--secondary button--small"
        disabled={index === 0}
        onClick={() => go(-1)}
      >
        Monter<span className="visually-hidden"> {what}</span>
      </button>
      <button
        type="button"
        id={buttonId('down')}
        className="button button--secondary button--small"
        disabled={index === order.length - 1}
        onClick={() => go(1)}
      >
        Descendre<span className="visually-hidden"> {what}</span>
      </button>
      {error ? (
        <span role="alert" className="field__error">
          {error}
        </span>
      ) : null}
    </>
  );
}

/** A level's new order, computed from the plan as shown: sent with the revision it was read at. */
const reorderSender =
  (
    mutations: PlanMutations,
    plan: PlanView,
    contractId: string,
    level: 'axes' | 'fiches' | 'actions',
    parentCode?: string,
  ) =>
  async (order: string[]) => {
    await mutations.reorder.mutateAsync({
      contractId,
      level,
      ...(parentCode ? { parentCode } : {}),
      order,
      commandId: crypto.randomUUID(),
      ...(plan.revision === undefined ? {} : { expectedRevision: plan.revision }),
    });
  };

const idPart = (text: string) => text.replace(/[^\p{L}\p{N}_-]/gu, '_');

function ActionItem({
  contractId,
  action,
  index,
  fiche,
  plan,
  mode,
  mutations,
}: {
  contractId: string;
  action: PlanActionView;
  index: number;
  fiche: PlanFicheView;
  plan: PlanView;
  mode: Mode;
  mutations: PlanMutations;
}) {
  const fixed = { actionId: action.actionId };
  const otherFiches = plan.axes
    .flatMap((axis) => axis.fiches)
    .filter((other) => other.code !== fiche.code)
    .map((other): [string, string] => [other.code, `Fiche ${other.code} — ${other.title}`]);
  const initial = {
    title: action.title,
    pilots: action.pilots,
    partners: action.partners ?? [],
    years: action.plannedYears,
    uncertain: action.yearsUncertain,
    deliverables: action.plannedDeliverables ?? [],
  };
  const fields = actionFields(initial, { withCode: false });
  return (
    <li className="plan__action" id={`plan-action-${idPart(action.actionId)}`}>
      <Link to={`/actions/${action.actionId}`}>
        {action.code} — {action.title}
      </Link>{' '}
      <span className={`badge badge--${action.status}`}>{ACTION_STATUS_LABELS[action.status]}</span>
      <span className="muted">
        {' '}
        · {action.pilots.join(', ') || 'pilote non renseigné'} ·{' '}
        {action.plannedYears.length > 0 ? action.plannedYears.join(', ') : 'années non renseignées'} ·{' '}
        {action.deliverablesPlanned} livrable{action.deliverablesPlanned > 1 ? 's' : ''} prévu
        {action.deliverablesPlanned > 1 ? 's' : ''}
      </span>
      {mode !== 'read' ? (
        <div className="plan__tools">
          <OrderButtons
            what={`l’action ${action.code}`}
            index={index}
            order={fiche.actions.map((one) => one.actionId)}
            send={reorderSender(mutations, plan, contractId, 'actions', fiche.code)}
            buttonId={(direction) => `order-${direction}-${idPart(action.actionId)}`}
          />
          <Disclosure label={`Modifier l’action ${action.code}`}>
            <CommandForm
              title={`Modifier l’action ${action.code}`}
              schema={UpdateActionSchema}
              fields={fields}
              fixed={fixed}
              transform={onlyChanged(fields)}
              mutation={mutations.updateAction}
              revision={action.revision}
              submitLabel={mode === 'amendment' ? 'Ajouter à l’avenant' : 'Enregistrer'}
              keepValues
            />
          </Disclosure>
          {otherFiches.length > 0 ? (
            <Disclosure label={`Déplacer l’action ${action.code}`}>
              <CommandForm
                title={`Déplacer l’action ${action.code} vers une autre fiche`}
                schema={MoveActionSchema}
                fields={[
                  {
                    name: 'toFicheCode',
                    label: 'Fiche-action de destination',
                    type: 'select',
                    options: otherFiches,
                  },
                ]}
                fixed={fixed}
                transform={blanks('toFicheCode')}
                mutation={mutations.moveAction}
                revision={action.revision}
                submitLabel={mode === 'amendment' ? 'Ajouter à l’avenant' : 'Déplacer'}
              />
            </Disclosure>
          ) : null}
          <Disclosure label={`Retirer l’action ${action.code}`}>
            <CommandForm
              title={`Retirer l’action ${action.code} du plan`}
              schema={WithdrawActionSchema}
              fields={[{ name: 'reason', label: 'Motif du retrait', type: 'textarea' }]}
              fixed={fixed}
              transform={blanks('reason')}
              mutation={mutations.withdrawAction}
              revision={action.revision}
              submitLabel={mode === 'amendment' ? 'Ajouter à l’avenant' : 'Retirer'}
            />
          </Disclosure>
        </div>
      ) : null}
    </li>
  );
}

/** The objectives of the regional health plan (annex 2) the fiche serves, when its links name any. */
function FichePrsObjectives({ links, code }: { links: unknown; code: string }) {
  const lines = Array.isArray(links) ? links.filter((line): line is string => typeof line === 'string') : [];
  const objectives = prsObjectivesOf(lines);
  if (objectives.length === 0) return null;
  return (
    <p className="plan__prs" data-testid={`fiche-prs-${code}`}>
      Sert le PRS (annexe 2) :{' '}
      {objectives
        .map((objective) => `${objective.plan}, engagement ${objective.engagement} défi ${objective.defi}`)
        .join(' ; ')}
    </p>
  );
}

/** A fiche's progress (« non renseigné » when unknown, never 0 %) and the fields it carries. */
function FicheSummary({ fiche }: { fiche: PlanFicheView }) {
  const filled = Object.entries(fiche.fields ?? {}).filter(
    ([key, value]) => PLAN_FIELD_LABELS[key] && (Array.isArray(value) ? value.length > 0 : Boolean(value)),
  );
  return (
    <>
      <p className="plan__progress" data-testid={`fiche-progress-${fiche.code}`}>
        Avancement : {fiche.progress == null ? 'non renseigné' : percent(fiche.progress)}
        {fiche.own ? (
          <span className="muted">
            {' '}
            · {ACTION_STATUS_LABELS[fiche.own.status]}, déclaré le {frenchDate(fiche.own.reportedOn)}
          </span>
        ) : null}
      </p>
      <FichePrsObjectives links={fiche.fields?.prsLinks} code={fiche.code} />
      {filled.length > 0 ? (
        <details className="plan__details">
          <summary>
            Contenu de la fiche ({filled.length} rubrique{filled.length > 1 ? 's' : ''})
          </summary>
          <dl>
            {filled.map(([key, value]) => (
              <div key={key}>
                <dt>{capitalised(PLAN_FIELD_LABELS[key] ?? key)}</dt>
                <dd>{fieldText(value)}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </>
  );
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A fiche field's value as text: a list joined, an indicator by its label, a date in French. */
function fieldText(value: unknown): string {
  if (Array.isArray(value))
    return value
      .map((item) =>
        typeof item === 'object' && item !== null && 'label' in item ? String(item.label) : String(item),
      )
      .join(' · ');
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return frenchDate(value);
  return String(value);
}

function FicheItem({
  contractId,
  fiche,
  index,
  axis,
  plan,
  mode,
  mutations,
}: {
  contractId: string;
  fiche: PlanFicheView;
  index: number;
  axis: PlanAxisView;
  plan: PlanView;
  mode: Mode;
  mutations: PlanMutations;
}) {
  const trpc = useTRPC();
  const reportProgress = useMutation(trpc.contract.reportFicheProgress.mutationOptions());
  const fixed = { contractId, code: fiche.code };
  const editFields = ficheFields({ title: fiche.title, ...fiche.fields }, { withCode: false });
  const otherAxes = plan.axes
    .filter((other) => other.code !== axis.code)
    .map((other): [string, string] => [other.code, `Axe ${other.code} — ${other.title}`]);
  const submitLabel = mode === 'amendment' ? 'Ajouter à l’avenant' : undefined;
  return (
    <li className="plan__fiche">
      <section aria-labelledby={`fiche-${idPart(fiche.code)}`}>
        <h3 id={`fiche-${idPart(fiche.code)}`}>
          Fiche {fiche.code} — {fiche.title}
        </h3>
        <FicheSummary fiche={fiche} />
        {mode !== 'read' ? (
          <div className="plan__tools">
            <OrderButtons
              what={`la fiche ${fiche.code}`}
              index={index}
              order={axis.fiches.map((one) => one.code)}
              send={reorderSender(mutations, plan, contractId, 'fiches', axis.code)}
              buttonId={(direction) => `order-${direction}-fiche-${idPart(fiche.code)}`}
            />
            <Disclosure label={`Modifier la fiche ${fiche.code}`}>
              <CommandForm
                title={`Modifier la fiche ${fiche.code}`}
                schema={UpdateFicheActionSchema}
                fields={editFields}
                fixed={fixed}
                transform={onlyChanged(editFields)}
                mutation={mutations.updateFiche}
                revision={plan.revision}
                submitLabel={submitLabel ?? 'Enregistrer'}
                keepValues
              />
            </Disclosure>
            {otherAxes.length > 0 ? (
              <Disclosure label={`Déplacer la fiche ${fiche.code}`}>
                <CommandForm
                  title={`Déplacer la fiche ${fiche.code} vers un autre axe`}
                  schema={MoveFicheActionSchema}
                  fields={[
                    { name: 'toAxisCode', label: 'Axe de destination', type: 'select', options: otherAxes },
                  ]}
                  fixed={fixed}
                  transform={blanks('toAxisCode')}
                  mutation={mutations.moveFiche}
                  revision={plan.revision}
                  submitLabel={submitLabel ?? 'Déplacer'}
                />
              </Disclosure>
            ) : null}
            <Disclosure label={`Retirer la fiche ${fiche.code}`}>
              <CommandForm
                title={`Retirer la fiche ${fiche.code} du plan`}
                schema={WithdrawFicheActionSchema}
                fields={[{ name: 'reason', label: 'Motif du retrait', type: 'textarea' }]}
                fixed={fixed}
                transform={blanks('reason')}
                mutation={mutations.withdrawFiche}
                revision={plan.revision}
                submitLabel={submitLabel ?? 'Retirer'}
              />
            </Disclosure>
            <Disclosure label={`Avancement de la fiche ${fiche.code}`}>
              <CommandForm
                title={`Avancement de la fiche ${fiche.code}`}
                schema={ReportFicheProgressSchema}
                fields={ficheProgressFields()}
                fixed={{ ...fixed, reportedOn: today() }}
                mutation={reportProgress}
                submitLabel="Enregistrer l’avancement"
              />
            </Disclosure>
          </div>
        ) : null}
        {fiche.actions.length === 0 ? (
          <p className="muted">Aucune action.</p>
        ) : (
          <ul className="plan__actions" aria-label={`Actions de la fiche ${fiche.code}`}>
            {fiche.actions.map((action, actionIndex) => (
              <ActionItem
                key={action.actionId}
                contractId={contractId}
                action={action}
                index={actionIndex}
                fiche={fiche}
                plan={plan}
                mode={mode}
                mutations={mutations}
              />
            ))}
          </ul>
        )}
        {mode !== 'read' ? (
          <Disclosure label={`Ajouter une action à la fiche ${fiche.code}`}>
            <CommandForm
              title={`Nouvelle action — fiche ${fiche.code}`}
              schema={PlanActionSchema}
              fields={withEffectiveOn(actionFields(), mode === 'direct')}
              fixed={{ contractId, ficheCode: fiche.code }}
              transform={(input) =>
                withBlanks({ ...input, actionId: actionIdOf(contractId, String(input.code ?? '')) })
              }
              mutation={mutations.planAction}
              submitLabel={submitLabel ?? 'Ajouter l’action'}
            />
          </Disclosure>
        ) : null}
      </section>
    </li>
  );
}

function AxisItem({
  contractId,
  axis,
  index,
  plan,
  mode,
  mutations,
}: {
  contractId: string;
  axis: PlanAxisView;
  index: number;
  plan: PlanView;
  mode: Mode;
  mutations: PlanMutations;
}) {
  const fixed = { contractId, code: axis.code };
  const editFields = axisFields(
    { title: axis.title, objectives: axis.objectives ?? [] },
    { withCode: false },
  );
  const submitLabel = mode === 'amendment' ? 'Ajouter à l’avenant' : undefined;
  return (
    <li className="plan__axis">
      <section aria-labelledby={`axis-${idPart(axis.code)}`}>
        <h2 id={`axis-${idPart(axis.code)}`}>
          Axe {axis.code} — {axis.title}
        </h2>
        {mode !== 'read' ? (
          <div className="plan__tools">
            <OrderButtons
              what={`l’axe ${axis.code}`}
              index={index}
              order={plan.axes.map((one) => one.code)}
              send={reorderSender(mutations, plan, contractId, 'axes')}
              buttonId={(direction) => `order-${direction}-axis-${idPart(axis.code)}`}
            />
            <Disclosure label={`Modifier l’axe ${axis.code}`}>
              <CommandForm
                title={`Modifier l’axe ${axis.code}`}
                schema={UpdateAxisSchema}
                fields={editFields}
                fixed={fixed}
                transform={onlyChanged(editFields)}
                mutation={mutations.updateAxis}
                revision={plan.revision}
                submitLabel={submitLabel ?? 'Enregistrer'}
                keepValues
              />
            </Disclosure>
            <Disclosure label={`Retirer l’axe ${axis.code}`}>
              <CommandForm
                title={`Retirer l’axe ${axis.code} du plan`}
                schema={WithdrawAxisSchema}
                fields={[{ name: 'reason', label: 'Motif du retrait', type: 'textarea' }]}
                fixed={fixed}
                transform={blanks('reason')}
                mutation={mutations.withdrawAxis}
                revision={plan.revision}
                submitLabel={submitLabel ?? 'Retirer'}
              />
            </Disclosure>
          </div>
        ) : null}
        <ol className="plan__fiches" aria-label={`Fiches-actions de l’axe ${axis.code}`}>
          {axis.fiches.map((fiche, ficheIndex) => (
            <FicheItem
              key={fiche.code}
              contractId={contractId}
              fiche={fiche}
              index={ficheIndex}
              axis={axis}
              plan={plan}
              mode={mode}
              mutations={mutations}
            />
          ))}
        </ol>
        {mode !== 'read' ? (
          <Disclosure label={`Ajouter une fiche-action à l’axe ${axis.code}`}>
            <CommandForm
              title={`Nouvelle fiche-action — axe ${axis.code}`}
              schema={DefineFicheActionSchema}
              fields={withEffectiveOn(ficheFields(), mode === 'direct')}
              fixed={{ contractId, axisCode: axis.code }}
              transform={blanks('code', 'title')}
              mutation={mutations.defineFiche}
              submitLabel={submitLabel ?? 'Ajouter la fiche'}
            />
          </Disclosure>
        ) : null}
      </section>
    </li>
  );
}

/**
 * What the draft avenant adds is not in the plan until it is signed: its new axes and fiches
 * get their own « add » forms here, so that one avenant may add an axis, its fiches and their
 * actions (each joining the same draft).
 */
function DraftAdditions({
  contractId,
  draft,
  mutations,
}: {
  contractId: string;
  draft: AmendmentView | undefined;
  mutations: PlanMutations;
}) {
  const changes = draft?.changes ?? [];
  const axes = changes.flatMap((change) => (change.type === 'DefineAxis' ? [change] : []));
  const fiches = changes.flatMap((change) => (change.type === 'DefineFicheAction' ? [change] : []));
  if (axes.length === 0 && fiches.length === 0) return null;
  return (
    <section aria-labelledby="draft-additions-title" data-testid="draft-additions">
      <h2 id="draft-additions-title">Compléter ce que l’avenant ajoute</h2>
      {axes.map((axis) => (
        <Disclosure
          key={`axis-${axis.code}`}
          label={`Ajouter une fiche-action à l’axe ${axis.code} (ajouté par l’avenant)`}
        >
          <CommandForm
            title={`Nouvelle fiche-action — axe ${axis.code} (avenant)`}
            schema={DefineFicheActionSchema}
            fields={ficheFields()}
            fixed={{ contractId, axisCode: axis.code }}
            transform={blanks('code', 'title')}
            mutation={mutations.defineFiche}
            submitLabel="Ajouter à l’avenant"
          />
        </Disclosure>
      ))}
      {fiches.map((fiche) => (
        <Disclosure
          key={`fiche-${fiche.code}`}
          label={`Ajouter une action à la fiche ${fiche.code} (ajoutée par l’avenant)`}
        >
          <CommandForm
            title={`Nouvelle action — fiche ${fiche.code} (avenant)`}
            schema={PlanActionSchema}
            fields={actionFields()}
            fixed={{ contractId, ficheCode: fiche.code }}
            transform={(input) =>
              withBlanks({ ...input, actionId: actionIdOf(contractId, String(input.code ?? '')) })
            }
            mutation={mutations.planAction}
            submitLabel="Ajouter à l’avenant"
          />
        </Disclosure>
      ))}
    </section>
  );
}

/** The draft avenant the editor is filling: its changes in plain French, and where to sign it. */
function DraftPanel({
  contractId,
  draft,
  plan,
}: {
  contractId: string;
  draft: AmendmentView | undefined;
  plan: PlanView;
}) {
  const names = planNames(plan);
  return (
    <section className="notice" aria-labelledby="draft-title" data-testid="amendment-banner">
      <h2 id="draft-title" className="notice__title">
        Contrat signé : vos modifications forment un projet d’avenant
      </h2>
      <p>
        Chaque modification ci-dessous s’ajoute au projet ; elle s’appliquera au plan une fois l’avenant signé
        par toutes les parties.
      </p>
      {draft ? (
        <>
          <p>
            Projet en cours : <strong>{draft.title}</strong> ({draft.changes.length} changement
            {draft.changes.length > 1 ? 's' : ''})
          </p>
          <ol data-testid="draft-changes">
            {draft.changes.map((change, index) => (
              <li key={index}>{describePlanChange(change, names)}</li>
            ))}
          </ol>
        </>
      ) : (
        <p>Aucun projet d’avenant en cours.</p>
      )}
      <p>
        <Link to={`/contrats/${contractId}/avenants`}>Voir les avenants et enregistrer les signatures</Link>
      </p>
    </section>
  );
}

/**
 * A contract's action plan: axes → fiches-actions → actions, each added, edited, moved,
 * reordered (« Monter » / « Descendre ») or withdrawn from here. Before the contract is
 * signed the changes are direct; after, they form a draft avenant.
 */
export function PlanPage({ contractId, canCommand }: { contractId: string; canCommand: boolean }) {
  const trpc = useTRPC();
  const overview = useQuery(trpc.board.plan.queryOptions({ contractId }));
  const actions = useQuery(trpc.board.actions.queryOptions({ contractId }));
  const amendments = useAmendments(contractId);
  const status = overview.data?.contract.status;
  const mode: Mode = !canCommand
    ? 'read'
    : status === 'draft'
      ? 'direct'
      : status === 'signed'
        ? 'amendment'
        : 'read';
  const mutations = usePlanMutations(contractId, mode, amendments);
  if (overview.isPending) return <p>Chargement…</p>;
  if (overview.isError) return <p role="alert">{overview.error.message}</p>;
  const { contract } = overview.data;
  const plan = planFromRead(overview.data, actions.data ?? []);
  const submitLabel = mode === 'amendment' ? 'Ajouter à l’avenant' : undefined;

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
      {mode === 'amendment' ? (
        <DraftPanel contractId={contractId} draft={currentDraft(amendments)} plan={plan} />
      ) : null}
      {plan.axes.length === 0 ? (
        <p>Aucun axe pour l’instant : commencez par définir le premier axe.</p>
      ) : null}
      <ol className="plan" aria-label="Axes du plan">
        {plan.axes.map((axis, index) => (
          <AxisItem
            key={axis.code}
            contractId={contractId}
            axis={axis}
            index={index}
            plan={plan}
            mode={mode}
            mutations={mutations}
          />
        ))}
      </ol>
      {mode === 'amendment' ? (
        <DraftAdditions contractId={contractId} draft={currentDraft(amendments)} mutations={mutations} />
      ) : null}
      {mode !== 'read' ? (
        <CommandForm
          title="Nouvel axe"
          schema={DefineAxisSchema}
          fields={withEffectiveOn(axisFields(), mode === 'direct')}
          fixed={{ contractId }}
          transform={blanks('code', 'title')}
          mutation={mutations.defineAxis}
          submitLabel={submitLabel ?? 'Ajouter l’axe'}
        />
      ) : null}
      <PlanIoPanel contractId={contractId} status={contract.status} canCommand={canCommand} />
    </>
  );
}
