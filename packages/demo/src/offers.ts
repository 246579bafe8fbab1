import { type PlannedCommand, plan } from './plan.js';
import type { SeedPlace, Seeds } from './seeds.js';

/** A CLS territory of the open data (`geo/territories.json`). */
export interface OpenDataTerritory {
  id: string;
  name: string;
  communes: string[];
}

const CPTS_PLACE_ID = 'cpts-centre-herault';

/**
 * The latest date the sources naming a place give: the last « Date de mise à
 * jour » of the fiches of the contracts extracted from them (seed 000, the
 * Cœur d'Hérault 2024 annexes: 26/07/24). The place was known to exist then;
 * undefined when none of its sources is dated.
 */
export function sourceDateOf(seeds: Seeds, place: SeedPlace): string | undefined {
  const sources = new Set(place.mentionedIn ?? []);
  const dates = seeds.contracts
    .filter((contract) => contract.sourceFile !== undefined && sources.has(contract.sourceFile))
    .flatMap((contract) => contract.axes.flatMap((axis) => axis.fiches ?? []))
    .map((fiche) => fiche.updatedOn)
    .filter((date): date is string => typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date));
  return dates.sort().at(-1);
}

/**
 * CPTS are mostly absent from FINESS: the demo declares CPTS Centre Hérault
 * (named in the seeds, `places.json`) over the communes of its territory,
 * verified on the date of its latest source, not on the day of the replay.
 * No seed says an action of the contract produced it, so it is linked to none.
 * Its seat is not in the sources: its point is the centre of its communes.
 * Nothing when the seeds, their date or the territory are missing.
 */
export function planDemoOffers(
  seeds: Seeds,
  territory: OpenDataTerritory | undefined,
  centreOf: (insee: string) => { lon: number; lat: number } | undefined,
): PlannedCommand[] {
  const place = seeds.places.find((candidate) => candidate.id === CPTS_PLACE_ID);
  const verifiedOn = place && sourceDateOf(seeds, place);
  const centres = (territory?.communes ?? []).map(centreOf).filter((centre) => centre !== undefined);
  if (!place || !verifiedOn || !territory || centres.length === 0) return [];
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
  ];
}
