import { POSITION_PRECISION_LABELS, practiceDescription } from '@cls/domain';
import { formatPhone, frenchDate, personName, telHref } from '@cls/french';
import { Link } from '../router.js';
import { kindLabel } from '../shared/labels.js';
import { OfferCommands } from './offer-commands.js';
import { VerificationState } from './offers-page.js';
import { type AdminOffer, useOffer } from './use-offer.js';

/** One offer of the directory: what the portal shows of it, and the forms that keep it up to date. */
export function OfferPage({ offerId, canCommand }: { offerId: string; canCommand: boolean }) {
  const offer = useOffer(offerId);
  if (offer.isPending) return <p>Chargement…</p>;
  if (offer.isError) return <p role="alert">{offer.error.message}</p>;
  const o = offer.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link> › <Link to="/offres">Offres de santé</Link>
      </p>
      <h1>{o.practitioner ? personName(o.practitioner) : o.name}</h1>
      <p data-testid="offer-verification">
        <span className="badge">{kindLabel(o.kind)}</span> <VerificationState offer={o} />
      </p>
      <OfferFacts offer={o} />
      {!canCommand ? (
        <p className="muted">Consultation seule.</p>
      ) : o.closedOn ? (
        <p className="muted">
          Une offre fermée ne change plus{o.closedReason ? ` (fermée : ${o.closedReason})` : ''}.
        </p>
      ) : (
        <OfferCommands offer={o} />
      )}
    </>
  );
}

function OfferFacts({ offer }: { offer: AdminOffer }) {
  return (
    <dl className="facts">
      <dt>Type</dt>
      <dd>{kindLabel(offer.kind, 'long')}</dd>
      {offer.practice ? (
        <>
          <dt>Profession</dt>
          <dd data-testid="offer-practice">
            {practiceDescription(offer.kind, offer.practice)}
            <span className="muted">
              {' '}
              — profession {offer.practice.profession.code} « {offer.practice.profession.label} »
              {offer.practice.savoirFaire
                ? `, savoir-faire ${offer.practice.savoirFaire.code} « ${offer.practice.savoirFaire.label} »`
                : ''}{' '}
              de l’Annuaire Santé
            </span>
          </dd>
        </>
      ) : null}
      <dt>Source</dt>
      <dd>
        <OfferSource offer={offer} />
        {offer.category ? ` · ${offer.category.label}` : ''}
      </dd>
      <dt>Adresse</dt>
      <dd>
        {offer.address ? `${offer.address}, ` : ''}
        {offer.postcode ?? ''} {offer.commune}
        {offer.communeInsee ? <span className="muted"> (INSEE {offer.communeInsee})</span> : null}
      </dd>
      <dt>Position</dt>
      <dd data-testid="offer-position">
        {offer.lat}, {offer.lon} <span className="muted">(latitude, longitude)</span>
        {offer.positionPrecision ? (
          <>
            {' '}
            <span className={offer.positionPrecision === 'commune' ? 'badge badge--stale' : 'badge'}>
              {POSITION_PRECISION_LABELS[offer.positionPrecision]}
            </span>
          </>
        ) : null}
      </dd>
      <dt>Téléphone</dt>
      <dd>{offer.phone ? <a href={telHref(offer.phone)}>{formatPhone(offer.phone)}</a> : '—'}</dd>
      <dt>Site web</dt>
      <dd>{offer.website ? <a href={offer.website}>{offer.website}</a> : '—'}</dd>
      {offer.kind === 'hopital' ? (
        <>
          <dt>Urgences</dt>
          <dd>{offer.emergency === null ? 'non renseigné' : offer.emergency ? 'oui' : 'non'}</dd>
        </>
      ) : null}
      {offer.openedOn ? (
        <>
          <dt>Ouverte le</dt>
          <dd>{frenchDate(offer.openedOn)}</dd>
        </>
      ) : null}
      {offer.kind === 'cpts' ? (
        <>
          <dt>Communes couvertes</dt>
          <dd>
            {offer.coverageNames.length === 0
              ? 'non déclarées'
              : offer.coverageNames.map((commune) => commune.name).join(', ')}
          </dd>
        </>
      ) : null}
      <dt>Actions CLS</dt>
      <dd>
        {offer.support.length === 0 ? (
          'aucune'
        ) : (
          <ul className="plain-list" data-testid="offer-support">
            {offer.support.map((support) => (
              <li key={support.actionId}>
                <Link to={`/actions/${encodeURIComponent(support.actionId)}`}>
                  {support.actionCode} — {support.actionTitle}
                </Link>{' '}
                <span className="muted">({support.contractName})</span>
              </li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  );
}

/**
 * Where the offer comes from, with its number there: « FINESS n° 340780477 », « Annuaire Santé
 * (RPPS) n° 10001045367, extraction du 3 décembre 2026 », « Saisie manuelle ».
 */
export function OfferSource({
  offer,
}: {
  offer: Pick<AdminOffer, 'source' | 'finess' | 'rpps'> & { sourceDate?: string | null };
}) {
  if (offer.source === 'finess') return <>FINESS n° {offer.finess ?? 'non renseigné'}</>;
  if (offer.source === 'rpps') {
    return (
      <>
        Annuaire Santé (RPPS) n° {offer.rpps ?? 'non renseigné'}
        {offer.sourceDate ? `, extraction du ${frenchDate(offer.sourceDate)}` : ''}
      </>
    );
  }
  return <>Saisie manuelle</>;
}
