import { DEMO_CONTRACT_ID } from './demo-accounts.js';
import { type PlannedCommand, plan } from './plan.js';
import type { Seeds } from './seeds.js';

/** A CLS territory of the open data (`geo/territories.json`). */
export interface OpenDataTerritory {
  id: string;
  name: string;
  communes: string[];
}

const CPTS_PLACE_ID = 'cpts-centre-herault';
/** The action of the 2024 contract that supports the creation of coordinated practice structures (CPTS, MSP…). */
const SUPPORTING_ACTION = `${DEMO_CONTRACT_ID}.1.1-A2`;

/**
 * CPTS are mostly absent from FINESS: the demo declares CPTS Centre Hérault
 * (named in the seeds, `places.json`) over the communes of its territory, and
 * links it to the contract's action 1.1-A2 that supports coordinated practice.
 * Its seat is not in the sources: its point is the centre of its communes.
 * Nothing when the seeds or the territory are missing.
 */
export function planDemoOffers(
  seeds: Seeds,
  territory: OpenDataTerritory | undefined,
  centreOf: (insee: string) => { lon: number; lat: number } | undefined,
  verifiedOn: string,
): PlannedCommand[] {
  const place = seeds.places.find((candidate) => candidate.id === CPTS_PLACE_ID);
  const centres = (territory?.communes ?? []).map(centreOf).filter((centre) => centre !== undefined);
  if (!place || !territory || centres.length === 0) return [];
  const offerId = `cpts-${CPTS_PLACE_ID.replace(/^cpts-/, '')}`;
  const mean = (values: number[]) =>
    Number((values.reduce((sum, value) => sum + value, 0) / values.length).toFixed(5));
  return [
    plan(`offer:${offerId}`, 'RegisterOffer', {
      offerId,
      source: 'manual',
      kind: 'cpts',
      name: place.name,
      address: { line: '', communeName: place.territory ?? territory.name },
      position: {
        lon: mean(centres.map((centre) => centre.lon)),
        lat: mean(centres.map((centre) => centre.lat)),
      },
      verifiedOn,
    }),
    plan(`offer:${offerId}:coverage`, 'DeclareCoverage', {
      offerId,
      communes: territory.communes,
      declaredOn: verifiedOn,
    }),
    plan(`offer:${offerId}:action`, 'LinkOfferToAction', {
      offerId,
      actionId: SUPPORTING_ACTION,
      contractId: DEMO_CONTRACT_ID,
    }),
  ];
}
