import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_SCHEMAS, type OfferKind } from '@cls/domain';
import { describe, expect, it } from 'vitest';
import { type ListedOffer, type PlaceCommune, planPlaceOffers } from './place-offers.js';
import { defaultSharedDir, loadSeeds, type Seeds } from './seeds.js';

const seeds = loadSeeds(defaultSharedDir());
const dataDir = join(defaultSharedDir(), 'data');
const communesCsv = join(dataDir, 'geo/communes.csv');
const healthOffers = join(dataDir, 'finess/health-offers.geojson');
const openData = existsSync(communesCsv) && existsSync(healthOffers);
if (!seeds || !openData)
  console.warn(`[demo] places → offers on the real seeds skipped: ${defaultSharedDir()} incomplete.`);

/** geo/communes.csv: insee,name,departement,epci_siren,epci_name,postcodes,population,lon,lat (no quoted commas in name). */
function communes(): PlaceCommune[] {
  return readFileSync(communesCsv, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const fields = line.split(',');
      return {
        insee: fields[0] ?? '',
        name: fields[1] ?? '',
        lon: Number(fields.at(-2)),
        lat: Number(fields.at(-1)),
      };
    });
}

const key = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

describe.skipIf(!seeds || !openData)(
  'the seeds’ named places as offers, on the real seeds and open data',
  () => {
    const all = communes();
    const named = (name: string) => all.filter((commune) => key(commune.name) === key(name));
    const listed: ListedOffer[] = (
      JSON.parse(readFileSync(healthOffers, 'utf8')) as {
        features: Array<{ properties: { name: string; kind: OfferKind; commune_insee: string } }>;
      }
    ).features.map(({ properties }) => ({
      kind: properties.kind,
      name: properties.name,
      communeInsee: properties.commune_insee,
    }));
    const result = planPlaceOffers(seeds as Seeds, named, listed);
    const reasonOf = (id: string) => result.skipped.find((skipped) => skipped.id === id)?.reason;

    it('registers the places of a clear kind in a known commune that FINESS does not list', () => {
      expect(result.registered).toEqual(['caarud-groupe-sos-beziers', 'caarud-groupe-sos-montpellier']);
      const [beziers] = result.commands;
      expect(beziers?.command).toEqual({
        type: 'RegisterOffer',
        offerId: 'lieu-caarud-groupe-sos-beziers',
        source: 'manual',
        kind: 'caarud',
        name: 'CAARUD Béziers (Groupe SOS)',
        // No street, phone or hours in the sources: none invented; the commune's centre as the point.
        address: { line: '', communeInsee: '34032', communeName: 'Béziers' },
        position: { lon: 3.230739, lat: 43.347511 },
        // « position approximative (commune) » on the card and the list.
        positionPrecision: 'commune',
        // Seed 000's last « Date de mise à jour » (26/07/24).
        verifiedOn: '2024-07-26',
      });
      for (const { command } of result.commands)
        expect(COMMAND_SCHEMAS[command.type].safeParse(command).success).toBe(true);
    });

    it('leaves out, saying why, what FINESS lists, other kinds, projects and places without a commune', () => {
      expect(reasonOf('msp-lodeve')).toBe('FINESS la recense déjà : « MSP DU LODEVOIS » à Lodève');
      expect(reasonOf('msp-aniane')).toMatch(/^FINESS la recense déjà : « MSP DE LA CONFISERIE - ANIANE »/);
      expect(reasonOf('caarud-aides-beziers')).toBe(
        'FINESS la recense déjà : « CAARUD AIDES BEZIERS » à Béziers',
      );
      expect(reasonOf('ch-clermont')).toMatch(/^FINESS la recense déjà : « CH CLERMONT L'HERAULT »/);
      expect(reasonOf('esp-fontes')).toBe('« ESP » n’est pas un type d’offre');
      expect(reasonOf('msp-palais')).toBe('statut « project » : pas une offre ouverte');
      expect(reasonOf('pmi-cd34')).toBe('commune non renseignée dans les sources');
      expect(reasonOf('cpts-centre-herault')).toMatch(/^une CPTS couvre un territoire/);
      expect(result.registered.length + result.skipped.length).toBe(seeds?.places.length);
    });
  },
);

describe('planPlaceOffers', () => {
  const place = (id: string, name: string, kind: string, commune: string | null) => ({
    id,
    name,
    kind,
    commune,
    territory: null,
    mentionedIn: ['000.txt'],
  });
  const dated = (places: Seeds['places']): Seeds => ({
    places,
    history: [],
    contracts: [
      {
        sourceFile: '000.txt',
        axes: [{ fiches: [{ updatedOn: '2024-07-26' }] }],
      } as unknown as Seeds['contracts'][number],
    ],
  });
  const lodeve = { insee: '34142', name: 'Lodève', lon: 3.3, lat: 43.7 };

  it('registers an MSP that FINESS does not list in its commune, and not one whose sources are undated', () => {
    const planned = planPlaceOffers(
      dated([place('msp-x', 'MSP du Lac', 'MSP', 'Lodève')]),
      () => [lodeve],
      [],
    );
    expect(planned.registered).toEqual(['msp-x']);
    const undated = planPlaceOffers(
      { ...dated([place('msp-x', 'MSP du Lac', 'MSP', 'Lodève')]), contracts: [] },
      () => [lodeve],
      [],
    );
    expect(undated.skipped).toEqual([
      { id: 'msp-x', name: 'MSP du Lac', reason: 'aucune de ses sources n’est datée' },
    ]);
  });

  it('tells apart two offers of a kind in one commune by their names', () => {
    const listed: ListedOffer[] = [{ kind: 'msp', name: 'MSP DES OLIVIERS', communeInsee: '34142' }];
    const planned = planPlaceOffers(
      dated([
        place('msp-lac', 'MSP du Lac', 'MSP', 'Lodève'),
        place('msp-oliv', 'MSP Les Oliviers', 'MSP', 'Lodève'),
      ]),
      () => [lodeve],
      listed,
    );
    expect(planned.registered).toEqual(['msp-lac']);
  });

  it('does not guess between communes of the same name', () => {
    const planned = planPlaceOffers(
      dated([place('msp-x', 'MSP X', 'MSP', 'Saint-Pierre')]),
      () => [lodeve, lodeve],
      [],
    );
    expect(planned.skipped[0]?.reason).toBe('plusieurs communes s’appellent « Saint-Pierre »');
  });
});
