import type { OfferResult } from '@cls/api/schemas';
import { offerKindLabel, PRACTICE_MODE_LABELS } from '@cls/domain';
import { formatPhone, telHref } from '@cls/french';
import { Link } from '../router.js';
import { formatAddress, formatApproximateDistance, formatDistance } from './format.js';
import { OpenNow } from './offer-practical.js';
import { APPROXIMATE_POSITION, isApproximate, offerTitle } from './practitioner.js';

/** One offer of the results: enough to choose, the card tells the rest. */
function ResultItem({
  offer,
  href,
  highlighted,
  onHover,
}: {
  offer: OfferResult;
  href: string;
  highlighted: boolean;
  onHover: (offerId: string | null) => void;
}) {
  const name = offerTitle(offer);
  return (
    <li
      className={`result${highlighted ? ' result--highlighted' : ''}`}
      data-offer-id={offer.id}
      onMouseEnter={() => onHover(offer.id)}
      onMouseLeave={() => onHover(null)}
    >
      <h3 className="result__name">
        <Link to={href} onFocus={() => onHover(offer.id)} onBlur={() => onHover(null)}>
          {name}
        </Link>
      </h3>
      <p className="result__meta">
        <span className="kind-badge" title={offerKindLabel(offer.kind, offer.publics).long}>
          {offerKindLabel(offer.kind, offer.publics).short}
        </span>
        {offer.distanceKm !== undefined ? (
          <span className="result__distance" data-testid="distance">
            {/* A CPTS covering the searched commune is found at distance 0: it serves the commune itself. */}
            {offer.distanceKm === 0 && offer.coverage.length > 0
              ? 'couvre la commune'
              : `à ${isApproximate(offer) ? formatApproximateDistance(offer.distanceKm) : formatDistance(offer.distanceKm)}`}
          </span>
        ) : null}
        {offer.practice ? (
          <span className="result__mode" data-testid="result-mode">
            {PRACTICE_MODE_LABELS[offer.practice.mode]}
          </span>
        ) : null}
        <OpenNow openNow={offer.openNow} />
      </p>
      <p className="result__address">
        {formatAddress(offer)}
        {isApproximate(offer) ? (
          <span className="result__approximate" data-testid="result-approximate">
            {' '}
            — {APPROXIMATE_POSITION}
          </span>
        ) : null}
      </p>
      {offer.phone ? (
        <p className="result__phone">
          <a href={telHref(offer.phone)}>
            <span className="visually-hidden">Appeler {name} au </span>
            {formatPhone(offer.phone)}
          </a>
        </p>
      ) : null}
      {offer.support.length > 0 ? (
        <p className="result__support">Soutenu par un Contrat Local de Santé</p>
      ) : null}
    </li>
  );
}

/** The results, nearest first; hovering or focusing one highlights it on the map. */
export function ResultList({
  offers,
  hrefFor,
  highlightedId,
  onHover,
}: {
  offers: OfferResult[];
  hrefFor: (offerId: string) => string;
  highlightedId: string | null;
  onHover: (offerId: string | null) => void;
}) {
  return (
    <ol className="results" aria-label="Offres, de la plus proche à la plus éloignée">
      {offers.map((offer) => (
        <ResultItem
          key={offer.id}
          offer={offer}
          href={hrefFor(offer.id)}
          highlighted={offer.id === highlightedId}
          onHover={onHover}
        />
      ))}
    </ol>
  );
}
