import type { OfferDetail } from '@cls/api/schemas';
import { useTRPC } from '@cls/web';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { distanceKm } from '../geo.js';
import { kindLabel } from '../labels.js';
import { Link } from '../router.js';
import type { Point } from '../search/url-state.js';
import { formatDistance, formatPhone, frenchDate, geoUri, telHref } from './format.js';

const SOURCE_LABELS: Record<OfferDetail['source'], string> = {
  finess: 'FINESS, le répertoire national des établissements sanitaires et sociaux',
  manual: 'la coordination du Contrat Local de Santé',
};

/** FINESS writes an unknown opening date as 1900-01-01 and the like. */
const knownDate = (date: string | null) => (date && date >= '1910' ? date : null);

/** The CLS actions this offer is a deliverable of, each linked to its place on the contract's public page. */
function Support({ support }: { support: OfferDetail['support'] }) {
  if (support.length === 0) return null;
  return (
    <ul className="support" aria-label="Contrats locaux de santé">
      {support.map((item) => (
        <li key={`${item.contractId}-${item.actionId}`}>
          Soutenu par le Contrat Local de Santé{' '}
          <Link to={`/contrats/${encodeURIComponent(item.contractId)}#action-${item.actionId}`}>
            {item.contractName} — action {item.actionCode} « {item.actionTitle} »
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Facts({ offer, from }: { offer: OfferDetail; from: { point: Point; name: string } | null }) {
  const openedOn = knownDate(offer.openedOn);
  return (
    <dl className="facts">
      <dt>Adresse</dt>
      <dd>
        {offer.address}
        <br />
        {offer.postcode} {offer.commune}
      </dd>
      {from ? (
        <>
          <dt>Distance</dt>
          <dd data-testid="card-distance">
            {formatDistance(distanceKm(from.point, offer))} à vol d’oiseau
            {from.name ? ` de ${from.name === 'Ma position' ? 'votre position' : from.name}` : ''}
          </dd>
        </>
      ) : null}
      {offer.phone ? (
        <>
          <dt>Téléphone</dt>
          <dd>
            <a href={telHref(offer.phone)}>{formatPhone(offer.phone)}</a>
          </dd>
        </>
      ) : null}
      {offer.website ? (
        <>
          <dt>Site</dt>
          <dd>
            <a href={offer.website}>{offer.website.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '')}</a>
          </dd>
        </>
      ) : null}
      {offer.coverageNames.length > 0 ? (
        <>
          <dt>Communes couvertes</dt>
          <dd>{offer.coverageNames.map((commune) => commune.name).join(', ')}</dd>
        </>
      ) : null}
      {openedOn ? (
        <>
          <dt>Ouverture</dt>
          <dd>{frenchDate(openedOn)}</dd>
        </>
      ) : null}
    </dl>
  );
}

/**
 * An offer's card: how to get there and call, where its information comes from
 * and how fresh it is, and the CLS action behind it. Focus moves to its title
 * when it opens, so that a screen reader reads it next.
 */
export function OfferCard({
  offerId,
  from,
  onClose,
}: {
  offerId: string;
  /** Where distances are measured from (the searched place). */
  from: { point: Point; name: string } | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const offer = useQuery(trpc.portal.offer.queryOptions({ id: offerId }));
  const title = useRef<HTMLHeadingElement>(null);
  const loaded = offer.data?.id;
  useEffect(() => {
    if (loaded) title.current?.focus();
  }, [loaded]);

  return (
    <article className="offer-card" aria-labelledby="offer-title">
      <button type="button" className="link-button" onClick={onClose}>
        <span aria-hidden="true">← </span>Retour à la liste
      </button>
      {offer.isPending ? <p>Chargement de la fiche…</p> : null}
      {offer.isError ? <p role="alert">{offer.error.message}</p> : null}
      {offer.data ? (
        <>
          <h2 id="offer-title" className="offer-card__title" tabIndex={-1} ref={title}>
            {offer.data.name}
          </h2>
          <p className="offer-card__kind">
            <span className="kind-badge">{kindLabel(offer.data.kind)}</span>
            {offer.data.category && offer.data.category.label !== kindLabel(offer.data.kind) ? (
              <span className="muted"> · {offer.data.category.label}</span>
            ) : null}
          </p>
          <p className="offer-card__actions">
            <a className="button" href={geoUri(offer.data)}>
              Itinéraire
              <span className="visually-hidden"> vers {offer.data.name} (application de cartes)</span>
            </a>
            {offer.data.phone ? (
              <a className="button button--secondary" href={telHref(offer.data.phone)}>
                Appeler<span className="visually-hidden"> le {formatPhone(offer.data.phone)}</span>
              </a>
            ) : null}
          </p>
          <Facts offer={offer.data} from={from} />
          <Support support={offer.data.support} />
          <p className="offer-card__source" data-testid="offer-source">
            Source : {SOURCE_LABELS[offer.data.source]}, vérifiée le {frenchDate(offer.data.verifiedOn)}.
            {offer.data.stale ? (
              <>
                {' '}
                <strong className="flag">à vérifier</strong> Ces informations ont pu changer depuis : appelez
                avant de vous déplacer.
              </>
            ) : null}
          </p>
        </>
      ) : null}
    </article>
  );
}
