import type { OfferRegistered } from '@cls/domain';
import type { Bounds } from '@cls/offers';

/** The places and views of the past-day specs: the Lodévois and Montpellier, 45 km apart. */
export const lodeve = { lon: 3.3, lat: 43.7 };
export const montpellier = { lon: 3.88, lat: 43.61 };
export const aroundLodeve: Bounds = [3.2, 43.6, 3.4, 43.8];
export const aroundMontpellier: Bounds = [3.78, 43.51, 3.98, 43.71];

/** MSP `n`'s registration, at Lodève unless said otherwise. */
export const registered = (n: number, at = lodeve): OfferRegistered['data'] => ({
  offerId: `msp-${n}`,
  source: 'manual',
  kind: 'msp',
  name: `MSP ${n}`,
  address: { line: `${n} rue de la Santé`, postcode: '34700', communeInsee: '34142', communeName: 'Lodève' },
  position: at,
  verifiedOn: '2024-01-10',
});

/** An instant of `day` (YYYY-MM-DD), as events are dated in these specs. */
export const on = (day: string) => `${day}T09:00:00.000Z`;
