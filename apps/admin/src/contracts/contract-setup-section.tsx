import { type Commitment, type DatePrecision, UpdateContractDraftSchema } from '@cls/domain';
import { count, frenchList, frenchNumber, NBSP, onFrenchDate } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import './contract-setup.css';
import { Link } from '../router.js';
import { CommandForm } from '../shared/command-form.js';
import { contractFields, contractTexts, type DraftedContract, draftCorrection } from './contract-fields.js';
import { TerritoryMapLazy } from './territory-editor.js';

const UNKNOWN = 'non renseigné';

/** « 12 000 € en 2025 ». */
export const eurosIn = (amount: number, year: number) => `${frenchNumber(amount)}${NBSP}€ en ${year}`;

/** A party's commitments in words: money per year, staff by role, anything else; none: « non renseignés ». */
export function commitmentLines(commitment: Commitment | undefined): string[] {
  if (!commitment) return [];
  return [
    ...(commitment.money ?? []).map((money) => eurosIn(money.amount, money.year)),
    ...(commitment.staff ?? []).map((staff) => `${staff.role} : ${frenchNumber(staff.fte)}${NBSP}ETP`),
    ...(commitment.other ? commitment.other.split('\n').filter((line) => line.trim()) : []),
  ];
}

interface ContractHeaderRow {
  contractId: string;
  name: string;
  periodStart: number;
  periodEnd: number;
  status: 'draft' | 'signed' | 'closed';
  signedOn: string | null;
  signedOnPrecision: DatePrecision | null;
  /** Its stream's revision: what the correction form was filled from. */
  revision: number;
}

/**
 * « Le contrat »: what it sets up — porteur, period, territory (its communes
 * and a map when they were picked from the open data), parties and their
 * commitments, signature, previous contract, avenants — each unknown value
 * « non renseigné »; while it is a draft, « Modifier le contrat » corrects it.
 */
export function ContractSetupSection({
  contract,
  canCommand,
}: {
  contract: ContractHeaderRow;
  canCommand: boolean;
}) {
  const trpc = useTRPC();
  const { contractId } = contract;
  const setup = useQuery(trpc.board.contractSetup.queryOptions({ contractId }));
  const [communesOpen, setCommunesOpen] = useState(false);
  if (setup.isPending) return <p>Chargement du contrat…</p>;
  if (setup.isError) return <p role="alert">{setup.error.message}</p>;
  const { porteur, territory, parties, commitments, previousContract, signatories, amendments } = setup.data;
  const codes = territory.communeCodes ?? [];
  return (
    <section aria-labelledby="setup-title" className="contract-setup" data-testid="contract-setup">
      <h2 id="setup-title">Le contrat</h2>
      <dl className="facts">
        <dt>Porteur</dt>
        <dd>{porteur ?? UNKNOWN}</dd>
        <dt>Période</dt>
        <dd>
          {contract.periodStart}–{contract.periodEnd}
        </dd>
        <dt>Territoire</dt>
        <dd>{territory.name}</dd>
        <dt>EPCI</dt>
        <dd>{territory.epci.length > 0 ? frenchList(territory.epci) : UNKNOWN}</dd>
        <dt>Communes</dt>
        <dd data-testid="setup-communes">
          {territory.communes.length === 0 ? (
            territory.communeCount ? (
              count(territory.communeCount, 'commune')
            ) : (
              UNKNOWN
            )
          ) : (
            <details onToggle={(event) => setCommunesOpen(event.currentTarget.open)}>
              <summary>
                {codes.length > 0
                  ? count(territory.communes.length, 'commune')
                  : territory.communeCount
                    ? // The source counts them and names only some.
                      `${count(territory.communeCount, 'commune')}, dont ${count(territory.communes.length, 'citée', 'citées')}`
                    : // Named without their code (the seeds cite some): perhaps not all of them.
                      `${count(territory.communes.length, 'commune citée', 'communes citées')} (liste peut-être incomplète)`}
              </summary>
              <p>{territory.communes.join(', ')}</p>
              {/* The map (maplibre) is fetched only when the communes are opened. */}
              {codes.length > 0 && communesOpen ? <TerritoryMapLazy communes={codes} /> : null}
            </details>
          )}
        </dd>
        <dt>Contrat précédent</dt>
        <dd data-testid="setup-previous">
          {previousContract === null ? (
            UNKNOWN
          ) : previousContract.name === null ? (
            `${previousContract.contractId} (absent de la plateforme)`
          ) : (
            <Link to={`/contrats/${encodeURIComponent(previousContract.contractId)}`}>
              {previousContract.name} ({previousContract.periodStart}–{previousContract.periodEnd})
            </Link>
          )}
        </dd>
        <dt>Signature</dt>
        <dd data-testid="setup-signature">
          {contract.signedOn === null
            ? 'Pas encore signé'
            : `Signé ${onFrenchDate(contract.signedOn, contract.signedOnPrecision)}${
                signatories.length > 0
                  ? ` par ${frenchList(signatories.map((signatory) => signatory.organisation))}`
                  : ', signataires non renseignés'
              }`}
        </dd>
        <dt>Avenants</dt>
        <dd>
          {contract.status === 'draft' ? (
            'aucun avant la signature'
          ) : (
            <Link to={`/contrats/${encodeURIComponent(contractId)}/avenants`}>
              {count(amendments.signed, 'signé', 'signés')}
              {amendments.inProgress > 0
                ? `, ${count(amendments.inProgress, 'en préparation', 'en préparation')}`
                : ''}
            </Link>
          )}
        </dd>
      </dl>
      <h3 id="parties-title">Parties et engagements</h3>
      {parties.length === 0 ? (
        <p>Parties {UNKNOWN}es.</p>
      ) : (
        <ul className="parties" aria-labelledby="parties-title" data-testid="setup-parties">
          {parties.map((party) => {
            const lines = commitmentLines(
              commitments.find((commitment) => commitment.organisation === party.organisation),
            );
            return (
              <li key={party.organisation}>
                <strong>{party.organisation}</strong>
                {party.inferred ? <span className="muted"> (déduite des sources)</span> : null}
                {party.signer ? <span> — signataire : {party.signer}</span> : null}
                {lines.length === 0 ? (
                  <p className="muted">Engagements {UNKNOWN}s.</p>
                ) : (
                  <ul>
                    {lines.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {contract.status === 'draft' && canCommand ? (
        <ContractCorrection contract={contract} drafted={setup.data} />
      ) : null}
    </section>
  );
}

/** « Modifier le contrat », before signature: the new-contract form's fields, prefilled; only what changed is sent. */
function ContractCorrection({
  contract,
  drafted,
}: {
  contract: ContractHeaderRow;
  drafted: Omit<DraftedContract, 'name' | 'periodStart' | 'periodEnd'>;
}) {
  const trpc = useTRPC();
  const update = useMutation(trpc.contract.updateDraft.mutationOptions());
  const [opened, setOpened] = useState(false);
  const contracts = useQuery(trpc.portal.contracts.queryOptions());
  const previous: Array<[string, string]> = (contracts.data ?? [])
    .filter((other) => other.contractId !== contract.contractId)
    .map((other) => [other.contractId, `${other.name} (${other.periodStart}–${other.periodEnd})`]);
  const fields = contractFields(
    previous,
    contractTexts({
      ...drafted,
      name: contract.name,
      periodStart: contract.periodStart,
      periodEnd: contract.periodEnd,
    }),
  );
  return (
    <details
      className="disclosure"
      id="modifier-le-contrat"
      onToggle={(event) => {
        if (event.currentTarget.open) setOpened(true);
      }}
    >
      <summary className="button button--secondary button--small">Modifier le contrat</summary>
      <p className="hint">
        Avant la signature, le contrat se corrige ici (nom, porteur, période, territoire, parties et
        engagements, contrat précédent). Signé, il ne change plus que par avenant.
      </p>
      {/* Drawn once opened: its territory's map (maplibre) is not fetched for a page only read. */}
      {opened ? (
        <CommandForm
          title="Modifier le contrat"
          resultId="setup-title"
          schema={UpdateContractDraftSchema}
          fields={fields}
          fixed={{ contractId: contract.contractId }}
          revision={contract.revision}
          transform={(input) => draftCorrection(fields, input)}
          mutation={update}
          submitLabel="Enregistrer les corrections"
          keepValues
        />
      ) : null}
    </details>
  );
}
