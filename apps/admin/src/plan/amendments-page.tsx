import {
  amendmentSigners,
  EditAmendmentDraftSchema,
  SIGNATORIES_UNKNOWN_MESSAGE,
  SignAmendmentSchema,
  WithdrawAmendmentDraftSchema,
} from '@cls/domain';
import { frenchDate } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from '../router.js';
import { blanks } from '../shared/blanks.js';
import { CommandForm } from '../shared/command-form.js';
import { Disclosure } from '../shared/disclosure.js';
import { today } from '../shared/labels.js';
import { AMENDMENT_STAGE_LABELS, type AmendmentView, useAmendments } from './amendments-data.js';
import { describePlanChange, type PlanNames } from './plan-changes.js';
import { planFromRead, planNames } from './plan-tree.js';

/** A draft's changes, each with « Retirer ce changement » (the draft keeps at least one). */
function DraftChanges({
  contractId,
  amendment,
  names,
}: {
  contractId: string;
  amendment: AmendmentView;
  names: PlanNames;
}) {
  const trpc = useTRPC();
  const edit = useMutation(trpc.contract.editAmendmentDraft.mutationOptions());
  const [error, setError] = useState<string | undefined>();
  const remove = async (index: number) => {
    setError(undefined);
    try {
      await edit.mutateAsync({
        contractId,
        amendmentId: amendment.amendmentId,
        changes: amendment.changes.filter((_, other) => other !== index),
        commandId: crypto.randomUUID(),
      });
      document.getElementById(`changes-${amendment.amendmentId}`)?.focus();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <>
      <ol
        className="amendment__changes"
        id={`changes-${amendment.amendmentId}`}
        tabIndex={-1}
        aria-label={`Changements de « ${amendment.title} »`}
        data-testid={`changes-${amendment.amendmentId}`}
      >
        {amendment.changes.map((change, index) => {
          const text = describePlanChange(change, names);
          return (
            <li key={index}>
              {text}{' '}
              {amendment.changes.length > 1 ? (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={edit.isPending}
                  onClick={() => remove(index)}
                >
                  Retirer ce changement<span className="visually-hidden"> : {text}</span>
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
      {error ? (
        <p role="alert" className="field__error">
          {error}
        </p>
      ) : null}
    </>
  );
}

function AmendmentCard({
  contractId,
  amendment,
  names,
  canCommand,
  signers,
}: {
  contractId: string;
  amendment: AmendmentView;
  names: PlanNames;
  canCommand: boolean;
  /** Who signs an avenant (the contract's signatories); undefined when unknown. */
  signers: string[] | undefined;
}) {
  const trpc = useTRPC();
  const sign = useMutation(trpc.contract.signAmendment.mutationOptions());
  const edit = useMutation(trpc.contract.editAmendmentDraft.mutationOptions());
  const withdraw = useMutation(trpc.contract.withdrawAmendmentDraft.mutationOptions());
  const fixed = { contractId, amendmentId: amendment.amendmentId };
  const open = amendment.stage === 'draft' || amendment.stage === 'signing';
  const editable = canCommand && amendment.stage === 'draft';
  const signed = new Set(amendment.signatures.map((signature) => signature.party));
  const remaining = (signers ?? []).filter((party) => !signed.has(party));
  return (
    <section className="card amendment" aria-labelledby={`a-${amendment.amendmentId}`}>
      <h2 className="card__title" id={`a-${amendment.amendmentId}`}>
        {amendment.title}
      </h2>
      <p>
        <span
          className={`badge badge--amendment-${amendment.stage}`}
          data-testid={`amendment-status-${amendment.amendmentId}`}
        >
          {AMENDMENT_STAGE_LABELS[amendment.stage]}
        </span>
        {amendment.signedOn ? ` le ${frenchDate(amendment.signedOn)}` : ''}
      </p>
      {amendment.summary ? <p>{amendment.summary}</p> : null}
      <h3>Changements du plan</h3>
      {editable ? (
        <DraftChanges contractId={contractId} amendment={amendment} names={names} />
      ) : (
        <ol className="amendment__changes" data-testid={`changes-${amendment.amendmentId}`}>
          {amendment.changes.map((change, index) => (
            <li key={index}>{describePlanChange(change, names)}</li>
          ))}
        </ol>
      )}
      {amendment.stage !== 'withdrawn' ? (
        amendment.signatures.length === 0 ? (
          <p data-testid={`signatures-${amendment.amendmentId}`}>Signé par aucune partie pour l’instant.</p>
        ) : (
          <table className="table" data-testid={`signatures-${amendment.amendmentId}`}>
            <caption className="visually-hidden">Signatures de « {amendment.title} »</caption>
            <thead>
              <tr>
                <th scope="col">Partie</th>
                <th scope="col">Signé</th>
              </tr>
            </thead>
            <tbody>
              {amendment.signatures.map((signature) => (
                <tr key={signature.party}>
                  <th scope="row">{signature.party}</th>
                  <td>le {frenchDate(signature.signedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
      {open && signers ? (
        <p data-testid={`remaining-${amendment.amendmentId}`}>
          Reste à signer : {remaining.length > 0 ? remaining.join(', ') : 'aucune partie'}.
        </p>
      ) : null}
      {canCommand && open && remaining.length > 0 ? (
        <CommandForm
          // Drawn again when a party signed: the select offers those left.
          key={remaining.join('|')}
          title={`Enregistrer une signature — ${amendment.title}`}
          schema={SignAmendmentSchema}
          fields={[
            {
              name: 'party',
              label: 'Partie signataire',
              type: 'select',
              hint: 'un signataire du contrat qui n’a pas encore signé cet avenant',
              options: remaining.map((party) => [party, party]),
              ...(remaining.length === 1 ? { initial: remaining[0] } : {}),
            },
            { name: 'signer', label: 'Signé par (facultatif)' },
            { name: 'signedOn', label: 'Date de signature', type: 'date', initial: today() },
          ]}
          fixed={fixed}
          transform={blanks('party')}
          mutation={sign}
          submitLabel="Enregistrer la signature"
        />
      ) : null}
      {editable ? (
        <>
          <Disclosure label={`Renommer — ${amendment.title}`}>
            <CommandForm
              title={`Intitulé et objet — ${amendment.title}`}
              schema={EditAmendmentDraftSchema}
              fields={[
                { name: 'title', label: 'Intitulé de l’avenant', initial: amendment.title },
                {
                  name: 'summary',
                  label: 'Objet (facultatif)',
                  type: 'textarea',
                  initial: amendment.summary ?? '',
                },
              ]}
              fixed={fixed}
              transform={blanks('title')}
              mutation={edit}
              revision={amendment.revision}
              submitLabel="Enregistrer"
              keepValues
            />
          </Disclosure>
          <Disclosure label={`Abandonner le projet — ${amendment.title}`}>
            <CommandForm
              title={`Abandonner le projet « ${amendment.title} »`}
              schema={WithdrawAmendmentDraftSchema}
              fields={[{ name: 'reason', label: 'Motif (facultatif)', type: 'textarea' }]}
              fixed={fixed}
              mutation={withdraw}
              revision={amendment.revision}
              submitLabel="Abandonner le projet"
            />
          </Disclosure>
        </>
      ) : null}
    </section>
  );
}

/**
 * A signed contract's avenants: drafts the plan editor fills, their changes in plain French,
 * each party's signature; once every party has signed, the plan shows the changes.
 */
export function AmendmentsPage({ contractId, canCommand }: { contractId: string; canCommand: boolean }) {
  const trpc = useTRPC();
  const overview = useQuery(trpc.board.plan.queryOptions({ contractId }));
  const actions = useQuery(trpc.board.actions.queryOptions({ contractId }));
  const amendments = useAmendments(contractId);
  const setup = useQuery(trpc.board.contractSetup.queryOptions({ contractId }));
  if (overview.isPending) return <p>Chargement…</p>;
  if (overview.isError) return <p role="alert">{overview.error.message}</p>;
  const { contract } = overview.data;
  const names = planNames(planFromRead(overview.data, actions.data ?? []));
  const order = { draft: 0, signing: 1, signed: 2, withdrawn: 3 } as const;
  const shown = [...amendments].sort((a, b) => order[a.stage] - order[b.stage]);
  // The domain's rule: an avenant is signed by the contract's signatories, never guessed.
  const signers = setup.data ? amendmentSigners(setup.data) : [];
  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link> › <Link to={`/contrats/${contractId}`}>{contract.name}</Link> ›{' '}
        <Link to={`/contrats/${contractId}/plan`}>Plan d’action</Link>
      </p>
      <h1>Avenants</h1>
      {contract.status === 'draft' ? (
        <p>
          Le contrat n’est pas encore signé : le plan se modifie directement.{' '}
          <Link to={`/contrats/${contractId}/plan`}>Modifier le plan d’action</Link>
        </p>
      ) : (
        <p>
          Un avenant se prépare depuis le <Link to={`/contrats/${contractId}/plan`}>plan d’action</Link> :
          chaque modification du plan s’ajoute au projet d’avenant.
        </p>
      )}
      {shown.length === 0 ? <p>Aucun avenant pour ce contrat.</p> : null}
      {setup.data && contract.status !== 'draft' && !signers ? (
        <p className="hint" data-testid="signers-unknown">
          {SIGNATORIES_UNKNOWN_MESSAGE}.
        </p>
      ) : null}
      {shown.map((amendment) => (
        <AmendmentCard
          key={amendment.amendmentId}
          contractId={contractId}
          amendment={amendment}
          names={names}
          canCommand={canCommand}
          signers={signers}
        />
      ))}
    </>
  );
}
