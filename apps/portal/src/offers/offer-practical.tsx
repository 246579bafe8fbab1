import type { OfferDetail } from '@cls/api/schemas';
import { OFFER_ACCESS_LABELS, OFFER_PUBLIC_LABELS, OFFER_SERVICE_LABELS } from '@cls/domain';
import { upperFirst } from '@cls/french';

const yesNo = (value: boolean | null, yes: string, no: string) =>
  value === null ? 'non renseigné' : value ? yes : no;

/** « Ouvert maintenant » / « Fermé maintenant », only when the hours are known. */
export function OpenNow({ openNow }: { openNow: boolean | null }) {
  if (openNow === null) return null;
  return (
    <span className={`open-now ${openNow ? 'open-now--open' : 'open-now--closed'}`} data-testid="open-now">
      {openNow ? 'Ouvert maintenant' : 'Fermé maintenant'}
    </span>
  );
}

/** The coming week's hours, lundi to dimanche (today marked), or « horaires non renseignés ». */
function WeekTable({ week }: { week: OfferDetail['week'] }) {
  if (!week) return <p data-testid="hours-unknown">Horaires non renseignés.</p>;
  return (
    <table className="week-table" data-testid="week-table">
      <caption className="visually-hidden">Horaires des sept prochains jours (heure de Paris)</caption>
      <tbody>
        {week.map((day) => (
          <tr key={day.weekday} className={day.today ? 'week-table__today' : undefined}>
            <th scope="row">
              {upperFirst(day.weekday)}
              {day.today ? <span className="visually-hidden"> (aujourd’hui)</span> : null}
            </th>
            <td>{day.opening}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * What a resident checks before going: hours, for whom, on what terms, languages,
 * wheelchair access, services, teleconsultation and the appointment link. Unknown
 * facts are said « non renseigné », never guessed.
 */
export function OfferPractical({ offer }: { offer: OfferDetail }) {
  return (
    <section className="offer-practical" aria-labelledby="offer-hours-title">
      <h3 id="offer-hours-title" className="offer-practical__title">
        Horaires <OpenNow openNow={offer.openNow} />
      </h3>
      <WeekTable week={offer.week} />
      {offer.appointmentUrl ? (
        <p>
          <a className="button" href={offer.appointmentUrl} rel="noopener" data-testid="appointment">
            Prendre rendez-vous<span className="visually-hidden"> en ligne (nouvelle page)</span>
          </a>
        </p>
      ) : null}
      <dl className="facts">
        <dt>Pour qui</dt>
        <dd data-testid="offer-publics">
          {offer.publics.length > 0
            ? offer.publics.map((value) => OFFER_PUBLIC_LABELS[value]).join(', ')
            : 'non renseigné'}
        </dd>
        <dt>Conditions d’accès</dt>
        <dd>
          {offer.access.length > 0
            ? offer.access.map((value) => OFFER_ACCESS_LABELS[value]).join(', ')
            : 'non renseigné'}
        </dd>
        {offer.services.length > 0 ? (
          <>
            <dt>Services</dt>
            <dd>{offer.services.map((value) => OFFER_SERVICE_LABELS[value]).join(', ')}</dd>
          </>
        ) : null}
        {offer.languages.length > 0 ? (
          <>
            <dt>Langues parlées</dt>
            <dd>{offer.languages.join(', ')}</dd>
          </>
        ) : null}
        <dt>Accès en fauteuil roulant</dt>
        <dd>{yesNo(offer.wheelchair, 'oui', 'non')}</dd>
        <dt>Téléconsultation</dt>
        <dd>{yesNo(offer.teleconsultation, 'oui', 'non')}</dd>
      </dl>
    </section>
  );
}
