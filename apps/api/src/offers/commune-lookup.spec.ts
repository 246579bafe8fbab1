import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CommuneLookup } from './commune-lookup.js';

const dataDir = mkdtempSync(join(tmpdir(), 'cls-communes-'));
mkdirSync(join(dataDir, 'geo'));
writeFileSync(
  join(dataDir, 'geo/communes.csv'),
  [
    'insee,name,departement,epci_siren,epci_name,postcodes,population,lon,lat',
    "34079,Clermont-l'Hérault,34,243400355,CC du Clermontais,34800,9461,3.412800,43.634116",
    '34142,Lodève,34,200017341,CC Lodévois et Larzac,34700,7251,3.305756,43.730632',
    '25334,Ornans,25,200071116,CC Loue-Lison,25290,4421,6.145280,47.104660',
  ].join('\n'),
);
writeFileSync(
  join(dataDir, 'geo/territories.json'),
  JSON.stringify({
    territories: [
      { id: 'pays-coeur-herault', name: "Pays Cœur d'Hérault", communes: ['34079', '34142'] },
      { id: 'loue-lison', name: 'Loue-Lison', communes: ['25334'] },
    ],
  }),
);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the communes and territories of the open data', () => {
  const lookup = new CommuneLookup(dataDir);

  it('finds a contract’s territory in the contract’s own words, accents and punctuation aside', () => {
    expect(
      lookup.territoryCommunes(
        "Ensemble du Pays Cœur d'Hérault. Une attention particulière sera portée sur les zones sous denses.",
      ),
    ).toEqual(['34079', '34142']);
    expect(lookup.territoryCommunes('Communauté de communes Loue Lison')).toEqual(['25334']);
    expect(lookup.territoryCommunes('Grand Périgueux')).toEqual([]);
  });

  it('answers the portal’s commune search and a territory by its id', () => {
    expect(lookup.search('clermont l herault', 5)).toEqual([
      {
        insee: '34079',
        name: "Clermont-l'Hérault",
        departement: '34',
        postcodes: ['34800'],
        population: 9461,
        lon: 3.4128,
        lat: 43.634116,
      },
    ]);
    expect(lookup.get('34142')?.name).toBe('Lodève');
    expect(lookup.territory('loue-lison')?.communes).toEqual(['25334']);
  });

  it('holds nothing when the open data is absent', () => {
    const empty = new CommuneLookup(join(dataDir, 'absent'));
    expect(empty.search('lodeve', 5)).toEqual([]);
    expect(empty.territoryCommunes("Pays Cœur d'Hérault")).toEqual([]);
  });
});
