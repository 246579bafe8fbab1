import type { PublicContract } from '@cls/api/schemas';
import type { ActionStatus } from '@cls/domain';
import { count, frenchDate } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { actionStatusLabel, contractStatusLabel, OFFER_KIND_LABELS } from '../labels.js';
import { LazyTerritoryMap } from '../map/lazy-maps.js';
import { Link } from '../router.js';
import { EMPTY_SEARCH, serializeSearchState } from '../search/url-state.js';
import { Abbreviated, acronymsIn, Glossary } from './glossary.js';

type PublicAction = PublicContract['axes'][number]['fiches'][number]['actions'][number];

/** The acronyms the page's titles use. */
const glossaryOf = (contract: PublicContract) =>
  acronymsIn([
    contract.name,
    ...contract.axes.flatMap((axis) => [
      axis.title,
      ...axis.fiches.flatMap((fiche) => [fiche.title, ...fiche.actions.map((action) => action.title)]),
    ]),
  ]);

const actionAnchor = (actionId: string) => `action-${actionId}`;

function Deliverables({ action }: { action: PublicAction }) {
  const produced = action.deliverablesProduced;
  return (
    <div className="action__deliverables">
      <p>
        Livrables : {count(produced.length, 'produit')}
        {action.deliverablesPlanned > 0
          ? ` sur ${action.deliverablesPlanned} prévu${action.deliverablesPlanned > 1 ? 's' : ''}`
          : ''}
      </p>
      {produced.length > 0 ? (
        <ul>
          {produced.map((deliverable) => (
            <li key={`${deliverable.title}-${deliverable.producedOn}`}>
              {deliverable.link ? <a href={deliverable.link}>{deliverable.title}</a> : deliverable.title}, le{' '}
              {frenchDate(deliverable.producedOn)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** One action: its status, when it is planned, what it produced, the offers it opened. Offers link here. */
function Action({ action }: { action: PublicAction }) {
  return (
    <li className="action" id={actionAnchor(action.actionId)} tabIndex={-1}>
      <h4 className="action__title">
        <span className="action__code">{action.code}</span> <Abbreviated text={action.title} />
      </h4>
      <p className="action__status">
        <span className={`badge badge--${action.status}`} data-testid="action-status">
          {actionStatusLabel(action.status)}
        </span>
        {action.plannedYears.length > 0 ? (
          <span className="muted"> · prévue en {action.plannedYears.join(', ')}</span>
        ) : null}
      </p>
      <Deliverables action={action} />
      {action.offers.length > 0 ? (
        <ul className="action__offers" aria-label="Offres de santé issues de cette action">
          {action.offers.map((offer) => (
            <li key={offer.id}>
              <Link to={`/${serializeSearchState({ ...EMPTY_SEARCH, offerId: offer.id })}`}>
                {offer.name}
              </Link>{' '}
              <span className="muted">({OFFER_KIND_LABELS[offer.kind].short})</span>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** `3 prévues`, `1 réalisée`, `2 en cours`: the statuses are feminine adjectives (une action). */
const statusCount = (count: number, status: ActionStatus) => {
  const label = actionStatusLabel(status).toLowerCase();
  return `${count} ${count > 1 && label.endsWith('e') ? `${label}s` : label}`;
};

/** How many actions are in each status: the contract's progress at a glance. */
function StatusCounts({ contract }: { contract: PublicContract }) {
  const actions = contract.axes.flatMap((axis) => axis.fiches.flatMap((fiche) => fiche.actions));
  const counts = new Map<ActionStatus, number>();
  for (const action of actions) counts.set(action.status, (counts.get(action.status) ?? 0) + 1);
  return (
    <p data-testid="status-counts">
      {count(actions.length, 'action')} :{' '}
      {[...counts].map(([status, count]) => statusCount(count, status)).join(', ')}.
    </p>
  );
}

/**
 * What a contract is, in two sentences a resident reads first: what a CLS does, where and
 * until when this one acts (its communes are on the map below).
 */
function Summary({ contract }: { contract: PublicContract }) {
  const actions = contract.axes.flatMap((axis) => axis.fiches.flatMap((fiche) => fiche.actions)).length;
  return (
    <div className="contract__summary" data-testid="contract-summary">
      <p>
        Un contrat local de santé (<abbr title="Contrat Local de Santé">CLS</abbr>) réunit l’Agence régionale
        de santé, les collectivités et leurs partenaires autour d’actions pour la santé des habitants d’un
        territoire.
      </p>
      <p>
        Celui-ci concerne le territoire {contract.territoryName}
        {contract.communes.length > 0 ? ` (${count(contract.communes.length, 'commune')}, sur la carte)` : ''}
        , de {contract.periodStart} à {contract.periodEnd} : {count(actions, 'action')}, présentées ci-dessous
        par axe et par fiche, avec leur avancement.
      </p>
    </div>
  );
}

/** Whom to ask about the contract: its coordination, as its governance names it. */
function Contacts({ contract }: { contract: PublicContract }) {
  return (
    <section className="contract__contacts" aria-labelledby="contacts-title" data-testid="contract-contacts">
      <h2 id="contacts-title">Qui contacter</h2>
      {contract.contacts.length > 0 ? (
        <ul>
          {contract.contacts.map((contact) => (
            <li key={contact.body}>
              <strong>
                <Abbreviated text={contact.body} />
              </strong>{' '}
              — <Abbreviated text={contact.role} />
            </li>
          ))}
        </ul>
      ) : (
        <p>La coordination de ce contrat n’est pas renseignée.</p>
      )}
      <p className="muted">
        Ses coordonnées (adresse, téléphone) ne figurent pas dans les documents du contrat publiés ici.
      </p>
    </section>
  );
}

/**
 * A contract's public page (transparency, as Decidim's accountability pages):
 * its territory, its axes, fiches and actions with their status and what they
 * produced. No personal data: the API sends none.
 */
export function ContractPage({ contractId, hash }: { contractId: string; hash: string }) {
  const trpc = useTRPC();
  const contract = useQuery(trpc.portal.contract.queryOptions({ contractId }));

  // An offer's card links to `#action-…`: once the actions are there, go to it.
  const loaded = Boolean(contract.data);
  useEffect(() => {
    if (!loaded || !hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    target?.scrollIntoView();
    target?.focus({ preventScroll: true });
  }, [loaded, hash]);

  if (contract.isPending) return <p>Chargement…</p>;
  if (contract.isError) return <p role="alert">{contract.error.message}</p>;
  const data = contract.data;
  const offerIds = data.axes.flatMap((axis) =>
    axis.fiches.flatMap((fiche) => fiche.actions.flatMap((action) => action.offers.map((offer) => offer.id))),
  );
  return (
    <article className="contract" aria-labelledby="contract-title">
      <p className="breadcrumb">
        <Link to="/contrats">Les contrats locaux de santé</Link>
      </p>
      <h1 id="contract-title">
        <Abbreviated text={data.name} />
      </h1>
      <p>
        {data.territoryName} · {data.periodStart}–{data.periodEnd} ·{' '}
        <span className={`badge badge--${data.status}`}>{contractStatusLabel(data.status)}</span>
        {data.signedOn ? ` le ${frenchDate(data.signedOn)}` : ''}
      </p>
      <Summary contract={data} />
      <Contacts contract={data} />
      <StatusCounts contract={data} />
      {data.communes.length > 0 ? (
        <section
          className="contract__map"
          aria-label={`Territoire : ${count(data.communes.length, 'commune')}`}
        >
          <LazyTerritoryMap communes={data.communes} offerIds={offerIds} />
        </section>
      ) : null}
      {data.axes.map((axis) => (
        <section key={axis.code} className="axis" aria-labelledby={`axis-${axis.code}`}>
          <h2 id={`axis-${axis.code}`}>
            Axe {axis.code} — <Abbreviated text={axis.title} />
          </h2>
          {axis.fiches.map((fiche) => (
            <section key={fiche.code} className="fiche" aria-labelledby={`fiche-${fiche.code}`}>
              <h3 id={`fiche-${fiche.code}`}>
                Fiche {fiche.code} — <Abbreviated text={fiche.title} />
              </h3>
              <ul className="actions">
                {fiche.actions.map((action) => (
                  <Action key={action.actionId} action={action} />
                ))}
              </ul>
            </section>
          ))}
        </section>
      ))}
      <Glossary entries={glossaryOf(data)} />
    </article>
  );
}
