import type { OfferListItem } from '@cls/api/schemas';
import {
  OFFER_KIND_LABELS,
  OFFER_KINDS,
  type OfferKind,
  POSITION_PRECISION_LABELS,
  PRACTICE_MODE_LABELS,
} from '@cls/domain';
import { frenchDate, personName } from '@cls/french';
import { useDebounced, useTRPC } from '@cls/web';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from '../router.js';
import { kindLabel } from '../shared/labels.js';

type OfferState = 'open' | 'stale' | 'closed' | 'all';

const STATE_LABELS: Record<OfferState, string> = {
  open: 'Ouvertes',
  stale: 'À vérifier',
  closed: 'Fermées',
  all: 'Toutes',
};

/** The directory of health offers as coordinators keep it: FINESS, the Annuaire Santé's liberal practitioners and hand-entered, closed ones on demand. */
export function OffersPage({ canCommand }: { canCommand: boolean }) {
  const trpc = useTRPC();
  const id = useId();
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<OfferKind | ''>('');
  const [state, setState] = useState<OfferState>('open');
  const words = useDebounced(search.trim(), 250);
  const offers = useQuery({
    ...trpc.board.offers.queryOptions({
      search: words || undefined,
      kinds: kind ? [kind] : undefined,
      state,
      limit: 100,
    }),
    // The list stays while the next one comes: no flash at each key.
    placeholderData: keepPreviousData,
  });
  // Until the words typed are searched, the rows shown are those of the previous search.
  const updating = search.trim() !== words || offers.isFetching;
  const shown = offers.data?.items.length ?? 0;
  const total = offers.data?.total ?? 0;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link>
      </p>
      <h1>Offres de santé</h1>
      <p className="hint">
        L’annuaire que le portail public montre : établissements issus de FINESS, professionnels libéraux
        issus de l’Annuaire Santé (RPPS) et offres saisies par les coordinations (CPTS…).
      </p>
      {canCommand ? (
        <p>
          <Link to="/offres/nouvelle" className="button">
            Enregistrer une offre
          </Link>
        </p>
      ) : null}
      <search>
        <form className="filters" onSubmit={(event) => event.preventDefault()}>
          <div className="field">
            <label htmlFor={`${id}-search`}>Rechercher</label>
            <input
              id={`${id}-search`}
              type="search"
              placeholder="nom, praticien, commune, n° FINESS ou RPPS"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-kind`}>Type</label>
            <select
              id={`${id}-kind`}
              value={kind}
              onChange={(event) => setKind(event.target.value as OfferKind)}
            >
              <option value="">Tous</option>
              {OFFER_KINDS.map((value) => (
                <option key={value} value={value}>
                  {OFFER_KIND_LABELS[value].short}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-state`}>État</label>
            <select
              id={`${id}-state`}
              value={state}
              onChange={(event) => setState(event.target.value as OfferState)}
            >
              {Object.entries(STATE_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        </form>
      </search>
      <p role="status" className="muted" data-testid="offers-count">
        {offers.isPending
          ? 'Chargement…'
          : `${total} offre${total > 1 ? 's' : ''}${shown < total ? ` (les ${shown} premières affichées : précisez la recherche)` : ''}`}
      </p>
      {offers.isError ? <p role="alert">{offers.error.message}</p> : null}
      <table className="table table--stacked" aria-busy={updating}>
        <caption className="visually-hidden">Offres de santé</caption>
        <thead>
          <tr>
            <th scope="col">Offre</th>
            <th scope="col">Type</th>
            <th scope="col">Commune</th>
            <th scope="col">Source</th>
            <th scope="col">Vérification</th>
            <th scope="col">Actions CLS</th>
          </tr>
        </thead>
        <tbody>
          {offers.data?.items.map((offer) => (
            <OfferRow key={offer.id} offer={offer} />
          ))}
        </tbody>
      </table>
    </>
  );
}

function OfferRow({ offer }: { offer: OfferListItem }) {
  return (
    <tr data-testid={`offer-${offer.id}`}>
      <th scope="row" data-label="Offre">
        <Link to={`/offres/${encodeURIComponent(offer.id)}`}>
          {offer.practitioner ? personName(offer.practitioner) : offer.name}
        </Link>
        {offer.positionPrecision === 'commune' ? (
          <span className="muted"> ({POSITION_PRECISION_LABELS.commune})</span>
        ) : null}
      </th>
      <td data-label="Type">
        <KindName kind={offer.kind} />
        {offer.practice ? (
          <span className="muted"> — {PRACTICE_MODE_LABELS[offer.practice.mode]}</span>
        ) : null}
      </td>
      <td data-label="Commune">
        {offer.commune}
        {offer.postcode ? <span className="muted"> ({offer.postcode})</span> : null}
      </td>
      <td data-label="Source">
        {offer.source === 'finess'
          ? `FINESS ${offer.finess ?? ''}`
          : offer.source === 'rpps'
            ? `RPPS ${offer.rpps ?? ''}`
            : 'Saisie manuelle'}
      </td>
      <td data-label="Vérification">
        <VerificationState offer={offer} />
      </td>
      <td data-label="Actions CLS">
        {offer.support.length === 0 ? (
          '—'
        ) : (
          <ul className="inline-list">
            {offer.support.map((support) => (
              <li key={support.actionId}>
                <Link to={`/actions/${encodeURIComponent(support.actionId)}`}>
                  {support.actionCode}
                  <span className="visually-hidden">
                    {' '}
                    — {support.actionTitle} ({support.contractName})
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

/** A kind's short name, spelled out on hover when it is an acronym (MSP, CMP…). */
export function KindName({ kind }: { kind: string }) {
  const short = kindLabel(kind);
  const long = kindLabel(kind, 'long');
  return short === long ? short : <abbr title={long}>{short}</abbr>;
}

/** When it was last checked, flagged when too long ago; or when it closed. */
export function VerificationState({
  offer,
}: {
  offer: Pick<OfferListItem, 'verifiedOn' | 'stale' | 'closedOn'>;
}) {
  if (offer.closedOn)
    return <span className="badge badge--closed">fermée le {frenchDate(offer.closedOn)}</span>;
  return (
    <>
      vérifiée le {frenchDate(offer.verifiedOn)}
      {offer.stale ? (
        <>
          {' '}
          <span className="badge badge--stale" data-testid="stale-flag">
            à vérifier
          </span>
        </>
      ) : null}
    </>
  );
}
