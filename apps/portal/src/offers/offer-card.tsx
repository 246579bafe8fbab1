import type { OfferDetail } from '@cls/api/schemas';
import { OFFER_KIND_LABELS, offerDisplayName, offerKindLabel, PRACTICE_MODE_LABELS } from '@cls/domain';
import { count, formatPhone, frenchDate, telHref } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { distanceKm } from '../geo.js';
import { kindLabel } from '../labels.js';
import { Link } from '../router.js';
import { type Point, placeName } from '../search/url-state.js';
import {
  directionsUrl,
  formatAddress,
  formatApproximateDistance,
  formatDistance,
  geoUri,
  openedYear,
  sameLabel,
  supportedBy,
} from './format.js';
import { OfferPractical } from './offer-practical.js';
import {
  APPROXIMATE_POSITION,
  addressGeoUri,
  addressSearchUrl,
  isApproximate,
  offerTitle,
  practiceLine,
  savoirFaire,
} from './practitioner.js';
import { ReportError } from './report-error.js';

/** The CLS actions this offer is a deliverable of, each linked to its place on the contract's public page. */
function Support({ support }: { support: OfferDetail['support'] }) {
  if (support.length === 0) return null;
  return (
    <ul className="support" aria-label="Contrats locaux de santé">
      {support.map((item) => (
        <li key={`${item.contractId}-${item.actionId}`}>
          {supportedBy(item.contractName)}{' '}
          <Link to={`/contrats/${encodeURIComponent(item.contractId)}#action-${item.actionId}`}>
            {item.contractName} — action {item.actionCode} « {item.actionTitle} »
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The searched place, where the card measures from. */
interface From {
  point: Point;
  /** As searched: a commune's name, or « Ma position ». */
  name: string;
  /** The commune's INSEE code, when the place is one. */
  commune: string | null;
}

function Distance({ offer, from }: { offer: OfferDetail; from: From }) {
  const place = placeName(from.name);
  // A CPTS serves its whole territory: whether it covers the commune is what matters, not its seat.
  if (from.commune && offer.coverage.includes(from.commune)) return <>couvre {place}</>;
  return (
    <>
      {isApproximate(offer)
        ? formatApproximateDistance(distanceKm(from.point, offer))
        : formatDistance(distanceKm(from.point, offer))}{' '}
      à vol d’oiseau{place ? ` de ${place}` : ''}
    </>
  );
}

/**
 * Directions and a call, as buttons: what a person on the move needs first. Directions open a
 * web page (desktop, iPhone, Android alike); the `geo:` link is Android's extra, to its maps app.
 * When the point is only the commune's centre, the address is looked up instead of a route to
 * a point that is not there.
 */
function CardActions({ offer, name }: { offer: OfferDetail; name: string }) {
  // A CPTS without a seat has no place to go to: its point is only its territory's centre.
  const directions = offer.address.trim() !== '';
  if (!directions && !offer.phone) return null;
  const approximate = isApproximate(offer);
  const address = formatAddress(offer);
  return (
    <>
      <p className="offer-card__actions">
        {directions && !approximate ? (
          <a className="button" href={directionsUrl(offer)} rel="noopener" data-testid="directions">
            Itinéraire
            <span className="visually-hidden"> vers {name} (OpenStreetMap, nouvelle page)</span>
          </a>
        ) : null}
        {directions && approximate ? (
          <a className="button" href={addressSearchUrl(address)} rel="noopener" data-testid="address-search">
            Chercher l’adresse
            <span className="visually-hidden"> de {name} sur OpenStreetMap (nouvelle page)</span>
          </a>
        ) : null}
        {offer.phone ? (
          <a className="button button--secondary" href={telHref(offer.phone)}>
            Appeler<span className="visually-hidden"> le {formatPhone(offer.phone)}</span>
          </a>
        ) : null}
      </p>
      {directions ? (
        <p className="offer-card__geo">
          <a href={approximate ? addressGeoUri(address) : geoUri({ ...offer, name })}>
            Ouvrir dans l’application de cartes du téléphone (Android)
          </a>
        </p>
      ) : null}
    </>
  );
}

const SOURCE_NAMES: Record<OfferDetail['source'], string> = {
  finess: 'FINESS, le répertoire national des établissements sanitaires et sociaux',
  rpps: 'l’Annuaire Santé (RPPS), le répertoire national des professionnels de santé',
  manual: 'la coordination du Contrat Local de Santé',
};

/** « janvier 2021 » for FINESS's monthly extract; « extraction du 3 décembre 2026 » for the Annuaire Santé's daily one. */
function sourceDate(offer: OfferDetail): string {
  if (!offer.sourceDate) return 'date de la source non renseignée';
  return offer.source === 'rpps'
    ? `extraction du ${frenchDate(offer.sourceDate)}`
    : frenchDate(offer.sourceDate, 'month');
}

/**
 * Where the card's information comes from and how fresh it is: the source's date (« FINESS,
 * janvier 2021 ») until someone checks the offer, then « vérifiée le … ». Old information
 * asks for a call first, only where there is a number to call.
 */
function Freshness({ offer }: { offer: OfferDetail }) {
  const checkedSince = offer.source === 'manual' || !offer.sourceDate || offer.verifiedOn > offer.sourceDate;
  return (
    <p className="offer-card__source" data-testid="offer-source">
      Source : {SOURCE_NAMES[offer.source]}
      {checkedSince ? `, vérifiée le ${frenchDate(offer.verifiedOn)}.` : `, ${sourceDate(offer)}.`}
      {offer.stale && offer.phone ? (
        <> Ces informations ont pu changer depuis : appelez avant de vous déplacer.</>
      ) : null}
    </p>
  );
}

function Facts({ offer, from }: { offer: OfferDetail; from: From | null }) {
  const opened = openedYear(offer.openedOn);
  const practice = practiceLine(offer);
  const skill = savoirFaire(offer);
  return (
    <dl className="facts">
      {practice ? (
        <>
          <dt>Profession</dt>
          <dd data-testid="card-practice">
            {practice}
            {skill ? ` — ${skill}` : ''}
          </dd>
        </>
      ) : null}
      <dt>Adresse</dt>
      <dd>
        {formatAddress(offer)}
        {/* Only the commune is known, or only the commune's centre was found: said, never hidden. */}
        {isApproximate(offer) ? (
          <span className="offer-card__approximate" data-testid="approximate-position">
            {' '}
            ({offer.address.trim() === '' ? 'rue non renseignée, ' : ''}
            {APPROXIMATE_POSITION} : sur la carte, le point est le centre de la commune)
          </span>
        ) : null}
      </dd>
      {from ? (
        <>
          <dt>Distance</dt>
          <dd data-testid="card-distance">
            <Distance offer={offer} from={from} />
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
      {offer.category && !sameLabel(offer.category.label, kindLabel(offer.kind)) ? (
        <>
          <dt>Catégorie FINESS</dt>
          <dd>{offer.category.label}</dd>
        </>
      ) : null}
      {offer.coverageNames.length > 0 ? (
        <>
          <dt>Communes couvertes</dt>
          <dd>
            {/* A CPTS covers dozens of communes: listed on demand. */}
            <details>
              <summary>{count(offer.coverageNames.length, 'commune')}</summary>
              {offer.coverageNames.map((commune) => commune.name).join(', ')}
            </details>
          </dd>
        </>
      ) : null}
      {opened ? (
        <>
          {/* A founding year, not opening hours. */}
          <dt>Ouvert depuis</dt>
          <dd data-testid="opened-since">{opened}</dd>
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
  from: From | null;
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
            {offerTitle(offer.data)}
          </h2>
          <p className="offer-card__kind">
            <span className="kind-badge" data-testid="card-kind">
              {offerKindLabel(offer.data.kind, offer.data.publics).long}
            </span>
            {offer.data.practice ? (
              <span className="offer-card__mode" data-testid="card-mode">
                {' '}
                {PRACTICE_MODE_LABELS[offer.data.practice.mode]}
              </span>
            ) : null}
          </p>
          {/* The offer's own name under the practitioner's, when it says more than the profession. */}
          {offer.data.practitioner && !sameLabel(offer.data.name, OFFER_KIND_LABELS[offer.data.kind].long) ? (
            <p className="offer-card__site" data-testid="card-site">
              {offerDisplayName(offer.data.name, offer.data.commune)}
            </p>
          ) : null}
          <CardActions offer={offer.data} name={offerTitle(offer.data)} />
          <Facts offer={offer.data} from={from} />
          <OfferPractical offer={offer.data} />
          <Support support={offer.data.support} />
          <Freshness offer={offer.data} />
          <ReportError offerId={offer.data.id} pending={offer.data.reportPending === true} />
        </>
      ) : null}
    </article>
  );
}
