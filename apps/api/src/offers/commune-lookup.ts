import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Commune, Epci } from '@cls/api';
import { CommuneDirectory, type Commune as OpenDataCommune, parseCommunesCsv, searchKey } from '@cls/offers';

/** A CLS territory of the open data (`geo/territories.json`): its communes' INSEE codes. */
export interface Territory {
  id: string;
  name: string;
  communes: string[];
}

/**
 * The communes and CLS territories of the open data folder (`geo/communes.csv`,
 * `geo/territories.json`), read once at start; none when the files are absent.
 * The portal searches communes here, offers name the communes a CPTS covers, imports
 * name an offer's commune and a contract's public page finds its territory.
 */
export class CommuneLookup {
  readonly #directory: CommuneDirectory;
  readonly #territories: Territory[];

  constructor(openDataDir: string) {
    const communes = join(openDataDir, 'geo/communes.csv');
    this.#directory = new CommuneDirectory(
      existsSync(communes) ? parseCommunesCsv(readFileSync(communes, 'utf8')) : [],
    );
    const territories = join(openDataDir, 'geo/territories.json');
    this.#territories = existsSync(territories)
      ? (JSON.parse(readFileSync(territories, 'utf8')) as { territories: Territory[] }).territories
      : [];
  }

  /** A commune by its INSEE code. */
  get(insee: string): OpenDataCommune | undefined {
    return this.#directory.get(insee);
  }

  /** The communes matching what a person typed (name, INSEE code or postcode), as the portal shows them. */
  search(query: string, limit: number): Commune[] {
    return this.#directory.search(query, limit).map((commune) => ({
      insee: commune.insee,
      name: commune.name,
      departement: commune.departement,
      postcodes: commune.postcodes,
      population: commune.population,
      lon: commune.lon,
      lat: commune.lat,
    }));
  }

  /** The EPCI matching what a person typed, each with its communes (the « EPCI en un clic » of a new contract). */
  epcis(query: string, limit: number): Epci[] {
    return this.#directory.epcis(query, limit).map((epci) => ({
      siren: epci.siren,
      name: epci.name,
      communes: epci.communes.map((commune) => ({ insee: commune.insee, name: commune.name })),
    }));
  }

  /** A CLS territory by its id in the open data. */
  territory(id: string): Territory | undefined {
    return this.#territories.find((territory) => territory.id === id);
  }

  /** The INSEE codes of a CLS territory, matched by name (a contract names its territory in its own words). */
  territoryCommunes(territoryName: string): string[] {
    const key = (name: string) => searchKey(name).replaceAll(' ', '');
    const wanted = key(territoryName);
    return this.#territories.find((territory) => wanted.includes(key(territory.name)))?.communes ?? [];
  }
}
