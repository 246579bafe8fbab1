import { describe, expect, it } from 'vitest';
import { sharedDataFile } from '../test/shared-data.js';
import { type Commune, CommuneDirectory, parseCommunesCsv, searchKey } from './communes.js';

const HEADER = 'insee,name,departement,epci_siren,epci_name,postcodes,population,lon,lat';
const SMALL = [
  HEADER,
  '34032,Béziers,34,243400769,CA de Béziers-Méditerranée,34500,81545,3.230739,43.347511',
  "34079,Clermont-l'Hérault,34,243400355,CC du Clermontais,34800,9461,3.412800,43.634116",
  '34013,Aspiran,34,243400355,CC du Clermontais,34800,1672,3.448268,43.567116',
  "34267,Saint-Jean-de-Fos,34,243400694,CC Vallée de l'Hérault,34150,1745,3.546325,43.694090",
  '34172,Montpellier,34,243400017,Montpellier Méditerranée Métropole,34000|34070|34080|34090,302454,3.869,43.613',
  '11006,Albas,11,200035863,"CC Région Lézignanaise, Corbières et Minervois",11360,87,2.726643,43.005714',
  '24123,Clermont-de-Beauregard,24,200069094,CC Isle et Crempse en Périgord,24140,120,0.647187,44.949398',
  '34194,Paulhan,34,243400355,CC du Clermontais,34230,4039,3.458453,43.537960',
].join('\n');

const names = (communes: Commune[]) => communes.map((commune) => commune.name);

describe('parseCommunesCsv', () => {
  it('reads every column, quoted EPCI names and |-separated postcodes included', () => {
    const communes = parseCommunesCsv(SMALL);
    expect(communes).toHaveLength(8);
    expect(communes[5]).toEqual({
      insee: '11006',
      name: 'Albas',
      departement: '11',
      epciSiren: '200035863',
      epciName: 'CC Région Lézignanaise, Corbières et Minervois',
      postcodes: ['11360'],
      population: 87,
      lon: 2.726643,
      lat: 43.005714,
    });
    expect(communes[4]?.postcodes).toEqual(['34000', '34070', '34080', '34090']);
  });

  it('refuses a malformed row with its line number', () => {
    expect(() => parseCommunesCsv(`${HEADER}\n34032,Béziers,34,1,CA,34500,beaucoup,3.2,43.3`)).toThrow(
      'Communes, ligne 2 : population invalide « beaucoup »',
    );
    expect(() => parseCommunesCsv('code,nom\n34032,Béziers')).toThrow(/en-tête inattendu/);
  });
});

describe('CommuneDirectory.search', () => {
  const directory = new CommuneDirectory(parseCommunesCsv(SMALL));

  it('ignores accents, case, hyphens and apostrophes', () => {
    expect(names(directory.search('beziers', 5))).toEqual(['Béziers']);
    expect(names(directory.search('BÉZIERS', 5))).toEqual(['Béziers']);
    expect(names(directory.search('clermont l', 5))).toEqual(["Clermont-l'Hérault"]);
    expect(names(directory.search('CLERMONT L’HERAULT', 5))).toEqual(["Clermont-l'Hérault"]);
  });

  it('takes st for saint', () => {
    expect(names(directory.search('st jean', 5))).toEqual(['Saint-Jean-de-Fos']);
    expect(names(directory.search('St-Jean-de-F', 5))).toEqual(['Saint-Jean-de-Fos']);
  });

  it('ranks the exact name first, then by population, then by name', () => {
    const more = new CommuneDirectory(
      parseCommunesCsv(
        [
          HEADER,
          '11001,Lunel-Viel,34,1,CC,34400,4000,4.09,43.67',
          '11002,Lunel,34,1,CC,34400,26000,4.13,43.67',
          '11003,Lunelle,34,1,CC,34400,4000,4.1,43.6',
        ].join('\n'),
      ),
    );
    expect(names(more.search('lunel', 5))).toEqual(['Lunel', 'Lunel-Viel', 'Lunelle']);
    expect(names(more.search('lune', 5))).toEqual(['Lunel', 'Lunel-Viel', 'Lunelle']);
  });

  it('finds a later word of a name, after the names that start with it', () => {
    expect(names(directory.search('jean de', 5))).toEqual(['Saint-Jean-de-Fos']);
    expect(names(directory.search('clermont', 5))).toEqual(["Clermont-l'Hérault", 'Clermont-de-Beauregard']);
  });

  it('finds by INSEE code or postcode, whole or started', () => {
    expect(names(directory.search('34032', 5))).toEqual(['Béziers']);
    expect(names(directory.search('34800', 5))).toEqual(["Clermont-l'Hérault", 'Aspiran']);
    expect(names(directory.search('3409', 5))).toEqual(['Montpellier']);
    expect(names(directory.search('340', 3))).toEqual(['Montpellier', 'Béziers', "Clermont-l'Hérault"]);
  });

  it('answers nothing to an empty query or a zero limit', () => {
    expect(directory.search('  ', 5)).toEqual([]);
    expect(directory.search('-', 5)).toEqual([]);
    expect(directory.search('beziers', 0)).toEqual([]);
  });
});

describe('CommuneDirectory', () => {
  const directory = new CommuneDirectory(parseCommunesCsv(SMALL));

  it('gives a commune by INSEE code, and names in order', () => {
    expect(directory.get('34172')?.name).toBe('Montpellier');
    expect(directory.get('99999')).toBeUndefined();
    expect(directory.names(['34194', '34032', '99999'])).toEqual(['Paulhan', 'Béziers', '99999']);
  });

  it('compares names through searchKey', () => {
    expect(searchKey('Saint-Guilhem-le-Désert')).toBe('saint guilhem le desert');
    expect(searchKey("Ste Croix d'Œuvre")).toBe('sainte croix d oeuvre');
  });
});

const communes = sharedDataFile('geo/communes.csv');

describe.skipIf(!communes)('CommuneDirectory on ../shared/data/geo/communes.csv', () => {
  // The body runs even when skipped (to list the tests): read nothing then.
  const directory = new CommuneDirectory(communes ? parseCommunesCsv(communes.toString('utf8')) : []);

  it('holds the 1,840 communes', () => {
    expect(directory.size).toBe(1840);
  });

  it('finds Clermont-l’Hérault, Béziers and Saint-Jean-de-Fos as typed', () => {
    expect(directory.search('clermont l', 10)[0]?.name).toBe("Clermont-l'Hérault");
    // Béziers itself, then the communes named after it (Cazouls-lès-Béziers…), most populated first.
    expect(names(directory.search('beziers', 3))).toEqual([
      'Béziers',
      'Cazouls-lès-Béziers',
      'Villeneuve-lès-Béziers',
    ]);
    expect(directory.search('BÉZIERS', 3)).toEqual(directory.search('beziers', 3));
    expect(names(directory.search('34032', 3))).toEqual(['Béziers']);
    expect(directory.search('st jean de f', 10).map((c) => c.insee)).toContain('34267');
  });

  it('gives the communes of postcode 34800, most populated first', () => {
    const found = directory.search('34800', 50);
    expect(found[0]?.name).toBe("Clermont-l'Hérault");
    expect(found.every((commune) => commune.postcodes.includes('34800'))).toBe(true);
    const all = parseCommunesCsv(String(communes));
    expect(found).toHaveLength(all.filter((commune) => commune.postcodes.includes('34800')).length);
    const populations = found.map((commune) => commune.population);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
  });
});

describe('EPCI of the directory', () => {
  const directory = new CommuneDirectory(
    parseCommunesCsv(
      [
        'insee,name,departement,epci_siren,epci_name,postcodes,population,lon,lat',
        '34142,Lodève,34,200017341,CC Lodévois et Larzac,34700,7500,3.31,43.73',
        '34062,Le Caylar,34,200017341,CC Lodévois et Larzac,34520,450,3.31,43.86',
        '34172,Montpellier,34,243400017,Montpellier Méditerranée Métropole,34000,300000,3.87,43.61',
      ].join('\n'),
    ),
  );
  it('finds an EPCI by the words of its name, without accents, with its communes by name', () => {
    expect(directory.epcis('lodevois').map((epci) => [epci.siren, epci.communes.map((c) => c.name)])).toEqual(
      [['200017341', ['Le Caylar', 'Lodève']]],
    );
    expect(directory.epcis('odevois')).toEqual([]);
    expect(directory.epcis('')).toEqual([]);
  });
});
