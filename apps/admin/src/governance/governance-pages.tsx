import {
  CONVENTION_KINDS,
  CONVENTION_STATUS_LABELS,
  DraftConventionSchema,
  SignConventionSchema,
} from '@cls/domain';
import { frenchDate } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '../router.js';
import { CommandForm } from '../shared/command-form.js';
import { today } from '../shared/labels.js';
import { ConventionChanges } from './convention-changes.js';

function Breadcrumb({ contractId }: { contractId: string }) {
  return (
    <p className="breadcrumb">
      <Link to="/">Vos contrats</Link> › <Link to={`/contrats/${contractId}`}>Contrat</Link>
    </p>
  );
}

/** Conventions and roadmaps of a contract: who signed when, and a signature per party. */
export function ConventionsPage({ contractId, canCommand }: { contractId: string; canCommand: boolean }) {
  const trpc = useTRPC();
  const conventions = useQuery(trpc.board.conventions.queryOptions({ contractId }));
  const sign = useMutation(trpc.convention.sign.mutationOptions());
  const draft = useMutation(trpc.convention.draft.mutationOptions());
  return (
    <>
      <Breadcrumb contractId={contractId} />
      <h1>Conventions et feuilles de route</h1>
      {canCommand ? (
        <CommandForm
          title="Rédiger une convention"
          schema={DraftConventionSchema}
          fields={[
            { name: 'title', label: 'Intitulé' },
            {
              name: 'kind',
              label: 'Nature',
              type: 'select',
              options: CONVENTION_KINDS.map((kind): [string, string] => [
                kind,
                kind === 'convention' ? 'Convention' : 'Feuille de route',
              ]),
            },
            { name: 'parties', label: 'Parties', type: 'list', hint: 'Une par ligne, deux au moins' },
            { name: 'object', label: 'Objet', type: 'textarea' },
          ]}
          fixed={{ contractId, conventionId: `${contractId}.convention-${Date.now().toString(36)}` }}
          mutation={draft}
          submitLabel="Rédiger"
        />
      ) : null}
      {conventions.isPending ? <p>Chargement…</p> : null}
      {conventions.data?.length === 0 ? <p>Aucune convention pour ce contrat.</p> : null}
      {conventions.data?.map((convention) => {
        const unsigned = convention.parties.filter((party) => !party.signedOn);
        return (
          <section
            key={convention.conventionId}
            className="card"
            aria-labelledby={`c-${convention.conventionId}`}
          >
            <h2 className="card__title" id={`c-${convention.conventionId}`}>
              {convention.title}
            </h2>
            <p>
              {convention.kind === 'feuille_de_route' ? 'Feuille de route' : 'Convention'} ·{' '}
              <span
                className={`badge badge--${convention.status}`}
                data-testid={`convention-status-${convention.conventionId}`}
              >
                {CONVENTION_STATUS_LABELS[convention.status]}
              </span>
            </p>
            {convention.object ? <p>{convention.object}</p> : null}
            <table className="table">
              <caption className="visually-hidden">Signatures de « {convention.title} »</caption>
              <thead>
                <tr>
                  <th scope="col">Partie</th>
                  <th scope="col">Signée</th>
                </tr>
              </thead>
              <tbody>
                {convention.parties.map((party) => (
                  <tr key={party.party}>
                    <th scope="row">{party.party}</th>
                    <td>
                      {party.signedOn
                        ? `le ${frenchDate(party.signedOn)}${party.signer ? ` par ${party.signer}` : ''}`
                        : 'pas encore'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {canCommand && unsigned.length > 0 && convention.status !== 'terminated' ? (
              <CommandForm
                title={`Enregistrer une signature — ${convention.title}`}
                schema={SignConventionSchema}
                fields={[
                  {
                    name: 'party',
                    label: 'Partie signataire',
                    type: 'select',
                    options: unsigned.map((party): [string, string] => [party.party, party.party]),
                  },
                  { name: 'signer', label: 'Signé par (facultatif)' },
                  { name: 'signedOn', label: 'Date de signature', type: 'date', initial: today() },
                ]}
                fixed={{ conventionId: convention.conventionId }}
                mutation={sign}
                submitLabel="Enregistrer la signature"
              />
            ) : null}
            <ConventionChanges convention={convention} canCommand={canCommand} />
          </section>
        );
      })}
    </>
  );
}
