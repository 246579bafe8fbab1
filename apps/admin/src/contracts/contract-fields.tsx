import {
  type Commitment,
  type ContractDrafted,
  ERASED_PERSONAL_DATA,
  type Signatory,
  sameValue,
} from '@cls/domain';
import { frenchNumber } from '@cls/french';
import { organisationField } from '../organisations/organisation-picker.js';
import type { FormField } from '../shared/command-form.js';
import { valuesOf } from '../shared/form-values.js';
import { PartiesEditor, type PartyValue, partiesFields, readParties } from './parties-editor.js';
import { readTerritory, TerritoryEditor, type TerritoryValue, territoryFields } from './territory-editor.js';

/*
 * The contract's own fields, one home for the new-contract form and the
 * correction of a draft (« Modifier le contrat »): the same inputs, the same
 * editors of the territory and the parties, the same reading of what was typed.
 */

/** The contract's fields of a form; `initial` prefills them (the draft being corrected). */
export function contractFields(
  previous: Array<[string, string]>,
  initial: Record<string, string> = {},
): FormField[] {
  const fields: FormField[] = [
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
      // The editor's value (communes and EPCI with their names): `draftInput` spreads it into the territory.
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
  ];
  return fields.map((field) =>
    initial[field.name] === undefined ? field : { ...field, initial: initial[field.name] },
  );
}

/** The contract's values as DraftContract takes them (without its id), from the form's. */
export function draftInput(input: Record<string, unknown>): Record<string, unknown> {
  const { communeCodes: picked, ...territory } = (input.territory ?? {}) as Record<string, unknown>;
  const parties = (input.parties ?? []) as PartyValue[];
  return {
    ...input,
    territory: { ...territory, ...(picked ? territoryFields(picked as TerritoryValue) : {}) },
    ...partiesFields(parties),
  };
}

/** A contract as drafted (and corrected), as the read model gives it. */
export interface DraftedContract {
  name: string;
  periodStart: number;
  periodEnd: number;
  porteur: string | null;
  territory: ContractDrafted['data']['territory'];
  parties: Signatory[];
  commitments: Commitment[];
  previousContract: { contractId: string } | null;
}

/** The text of each input for a drafted contract: the correction form starts from it. */
export function contractTexts(contract: DraftedContract): Record<string, string> {
  const { territory } = contract;
  const codes = territory.communeCodes ?? [];
  // Communes picked from the open data come with their code; those named only (seeds) are kept apart.
  const named = territory.communes.slice(0, Math.max(0, territory.communes.length - codes.length));
  const picked = territory.communes.slice(named.length);
  const epciCodes = territory.epciCodes ?? [];
  const value: TerritoryValue = {
    communes: codes.map((insee, index) => ({ insee, name: picked[index] ?? insee })),
    epcis: territory.epci.flatMap((name, index) => {
      const siren = epciCodes[index];
      return siren ? [{ siren, name }] : [];
    }),
    ...(named.length > 0 ? { named } : {}),
    ...(territory.epci.length > epciCodes.length
      ? { namedEpci: territory.epci.slice(epciCodes.length) }
      : {}),
    ...(territory.communeCount === undefined ? {} : { communeCount: territory.communeCount }),
  };
  const parties: PartyValue[] = contract.parties.map((party) => {
    const commitment = contract.commitments.find((one) => one.organisation === party.organisation);
    // A name whose key was destroyed reads so: it is not typed back into the log as a name.
    const signer = party.signer && party.signer !== ERASED_PERSONAL_DATA ? party.signer : '';
    return {
      organisation: party.organisation,
      signer,
      ...(signer && party.signerId ? { signerId: party.signerId } : {}),
      ...(party.inferred ? { inferred: true } : {}),
      money: Object.fromEntries(
        (commitment?.money ?? []).map((money) => [String(money.year), frenchNumber(money.amount)]),
      ),
      staff: (commitment?.staff ?? [])
        .map((staff) => `${staff.role} : ${frenchNumber(staff.fte)}`)
        .join('\n'),
      other: commitment?.other ?? '',
    };
  });
  return {
    name: contract.name,
    porteur: contract.porteur ?? '',
    'period.start': String(contract.periodStart),
    'period.end': String(contract.periodEnd),
    'territory.name': territory.name,
    'territory.communeCodes': JSON.stringify(value),
    parties: JSON.stringify(parties),
    previousContractId: contract.previousContract?.contractId ?? '',
  };
}

const CORRECTED_FIELDS = [
  'name',
  'porteur',
  'period',
  'territory',
  'parties',
  'commitments',
  'previousContractId',
] as const;

/**
 * What a correction of the draft sends: the fields whose value differs from the
 * form's initial one (a signer's name is sealed in the log, so only the form
 * knows it did not change); a porteur or a previous contract emptied is removed (null).
 */
export function draftCorrection(
  fields: FormField[],
  input: Record<string, unknown>,
): Record<string, unknown> {
  const before = draftInput(
    valuesOf(fields, Object.fromEntries(fields.map((field) => [field.name, field.initial ?? '']))),
  );
  const after = draftInput(input);
  const changed: Record<string, unknown> = { contractId: input.contractId };
  for (const field of CORRECTED_FIELDS) {
    const empty =
      field === 'commitments' ? [] : field === 'porteur' || field === 'previousContractId' ? null : undefined;
    const was = before[field] ?? empty;
    const now = after[field] ?? empty;
    if (!sameValue(was, now)) changed[field] = now;
  }
  return changed;
}
