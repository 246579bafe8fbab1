import { DraftContractSchema, mayDraftContract, type UserRole } from '@cls/domain';
import { foldText } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useMutation, useQuery } from '@tanstack/react-query';
import './contract-setup.css';
import { Link, navigate } from '../router.js';
import { CommandForm } from '../shared/command-form.js';
import { contractFields, draftInput } from './contract-fields.js';

/** A new contract's id: its territory (or name) and first year, as the seeds name theirs (`cls-…-2024`). */
export const newContractId = (name: string, start: unknown) =>
  `cls-${foldText(name, '-').slice(0, 80) || 'contrat'}${typeof start === 'number' ? `-${start}` : ''}`;

/**
 * « Nouveau contrat »: administrators, and coordinators an administrator invited
 * (who then coordinate the contract they drafted). Name, porteur, period,
 * territory (communes of the open data, an EPCI in one click, on a map), parties
 * with who signs and what each commits, and the contract this one follows.
 */
export function NewContractPage({ grants }: { grants: ReadonlyArray<{ role: UserRole }> }) {
  const trpc = useTRPC();
  const draft = useMutation(trpc.contract.draft.mutationOptions());
  // Every contract of the platform, as the portal lists them: a coordinator's own list is empty before their first.
  const contracts = useQuery(trpc.portal.contracts.queryOptions());
  if (!mayDraftContract(grants)) {
    return (
      <>
        <h1>Nouveau contrat</h1>
        <p role="alert">
          Seuls les administrateurs et les coordinateur·rices qu’ils ont invité·es créent un contrat. Demandez
          à un administrateur de vous inviter comme coordinateur·rice.
        </p>
      </>
    );
  }
  const previous: Array<[string, string]> = (contracts.data ?? []).map((contract) => [
    contract.contractId,
    `${contract.name} (${contract.periodStart}–${contract.periodEnd})`,
  ]);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link>
      </p>
      <h1>Nouveau contrat</h1>
      <p>
        Le contrat est créé en préparation : vous y ajouterez ensuite son plan d’action (axes, fiches-actions,
        actions), ses conventions et ses instances, puis sa signature.
      </p>
      <CommandForm
        title="Le contrat"
        schema={DraftContractSchema}
        fields={contractFields(previous)}
        fixed={{}}
        transform={(input) => {
          const territory = input.territory as { name?: unknown } | undefined;
          const named = typeof territory?.name === 'string' ? territory.name : String(input.name ?? '');
          const period = input.period as { start?: unknown } | undefined;
          return { ...draftInput(input), contractId: newContractId(named, period?.start) };
        }}
        mutation={draft}
        submitLabel="Créer le contrat"
        onDone={(command) => navigate(`/contrats/${encodeURIComponent(command.contractId)}`)}
      />
    </>
  );
}
