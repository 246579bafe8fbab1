import { DraftContractSchema, mayDraftContract } from '@cls/domain';
import { foldText } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useMutation, useQuery } from '@tanstack/react-query';
import './contract-setup.css';
import { organisationField } from '../organisations/organisation-picker.js';
import { Link, navigate } from '../router.js';
import { CommandForm } from '../shared/command-form.js';
import { PartiesEditor, partiesFields, readParties } from './parties-editor.js';
import { readTerritory, TerritoryEditor, type TerritoryValue, territoryFields } from './territory-editor.js';

/** A new contract's id: its territory (or name) and first year, as the seeds name theirs (`cls-…-2024`). */
export const newContractId = (name: string, start: unknown) =>
  `cls-${foldText(name, '-').slice(0, 80) || 'contrat'}${typeof start === 'number' ? `-${start}` : ''}`;

/**
 * « Nouveau contrat »: administrators, and coordinators an administrator invited
 * (who then coordinate the contract they drafted). Name, porteur, period,
 * territory (communes of the open data, an EPCI in one click, on a map), parties
 * with who signs and what each commits, and the contract this one follows.
 */
export function NewContractPage({
  grants,
}: {
  grants: ReadonlyArray<{ role: 'admin' | 'coordinator' | 'pilot' | 'auditor' }>;
}) {
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
        fields={[
          {
            name: 'name',
            label: 'Nom du contrat',
            hint: 'ex. Contrat local de santé du Lodévois et Larzac 2025-2029',
          },
          organisationField('porteur', 'Porteur du contrat (facultatif)', {
            hint: 'l’organisation qui porte le contrat, choisie dans le répertoire (ou ajoutée)',
          }),
          { name: 'period.start', label: 'Première année', type: 'number', hint: 'ex. 2025' },
          { name: 'period.end', label: 'Dernière année', type: 'number', hint: 'ex. 2029' },
          { name: 'territory.name', label: 'Nom du territoire', hint: 'ex. Lodévois et Larzac' },
          {
            name: 'territory.communeCodes',
            label: 'Communes du territoire',
            hint: 'cherchez une commune par son nom ou son code postal, ou ajoutez toutes celles d’un EPCI',
            render: (input) => <TerritoryEditor input={input} />,
            // The editor's value (communes and EPCI with their names): `transform` spreads it into the territory.
            parse: (text) => readTerritory(text),
          },
          {
            name: 'parties',
            label: 'Parties au contrat et leurs engagements',
            hint: 'les organisations signataires, choisies dans le répertoire',
            render: (input) => <PartiesEditor input={input} />,
            parse: (text) => readParties(text),
          },
          {
            name: 'previousContractId',
            label: 'Contrat précédent (facultatif)',
            type: 'select',
            options: previous,
          },
        ]}
        fixed={{}}
        transform={(input) => {
          const { communeCodes: picked, ...territory } = (input.territory ?? {}) as Record<string, unknown>;
          const parties = (input.parties ?? []) as ReturnType<typeof readParties>;
          const named = typeof territory.name === 'string' ? territory.name : String(input.name ?? '');
          const period = input.period as { start?: unknown } | undefined;
          return {
            ...input,
            contractId: newContractId(named, period?.start),
            territory: { ...territory, ...(picked ? territoryFields(picked as TerritoryValue) : {}) },
            ...partiesFields(parties),
          };
        }}
        mutation={draft}
        submitLabel="Créer le contrat"
        onDone={(command) => navigate(`/contrats/${encodeURIComponent(command.contractId)}`)}
      />
    </>
  );
}
