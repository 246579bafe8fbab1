import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CommuneCentres,
  FrenchCommunes,
  madeUpPractitioner,
  offerOfSite,
  type PractitionerOffer,
  practitionerSiteOfLine,
  RPPS_HEADER,
  rppsHeaderOf,
} from '@cls/offers';
import { afterAll, describe, expect, it } from 'vitest';
import { communesOfPractitionerSites, placeAtAddresses } from './practitioner-addresses.js';

/**
 * The BAN's real lines (packages/offers/src/ban/fixtures: L'Abergement-de-Varey 01002, Agnin
 * 38003) and MADE-UP practitioners at those places (no public file shows a liberal sage-femme's
 * line): one at a number the BAN has, one at a number it has not, one salaried.
 */
const BAN_SAMPLE = fileURLToPath(
  new URL('../../../../packages/offers/src/ban/fixtures/adresses-sample.csv', import.meta.url),
);
const at = (options: { rpps: string; number: string; mode?: 'L' | 'S'; profession?: [string, string] }) =>
  madeUpPractitioner({
    rpps: options.rpps,
    lastName: 'EXEMPLE',
    firstName: 'CAMILLE',
    profession: options.profession ?? ['50', 'Sage-Femme'],
    ...(options.mode ? { mode: options.mode } : {}),
    structureId: `C${options.rpps}`,
    number: options.number,
    streetType: ['PL', 'Place'],
    street: 'DU PESE LAIT',
    cedex: "01640 L'ABERGEMENT-DE-VAREY",
    postcode: '01640',
    communeCode: '01002',
  });
const FOUND = at({ rpps: '10000000101', number: '6' });
const NOT_IN_BAN = at({ rpps: '10000000102', number: '8', profession: ['60', 'Infirmier'] });
const SALARIED = madeUpPractitioner({
  rpps: '10000000103',
  lastName: 'EXEMPLE',
  firstName: 'ALEX',
  profession: ['50', 'Sage-Femme'],
  mode: 'S',
  structureId: 'C10000000103',
  cedex: '38150 AGNIN',
  postcode: '38150',
  communeCode: '38003',
});

const dir = mkdtempSync(join(tmpdir(), 'cls-ban-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const extraction = join(dir, 'PS_LibreAcces_Personne_activite_202612010000.txt');
writeFileSync(extraction, [RPPS_HEADER, FOUND, NOT_IN_BAN, SALARIED, ''].join('\r\n'));
const ban = join(dir, 'adresses-01.csv');
copyFileSync(BAN_SAMPLE, ban);

const communes = FrenchCommunes.load();
const header = rppsHeaderOf(RPPS_HEADER);
const places = { communes, centres: new CommuneCentres([{ insee: '01002', lon: 5.41, lat: 46.01 }]) };
function offerOf(line: string): PractitionerOffer {
  const read = practitionerSiteOfLine(line.split('|'), header, 2);
  if (!('activity' in read)) throw new Error(JSON.stringify(read));
  const outcome = offerOfSite([read.activity], places);
  if (!('offer' in outcome)) throw new Error(JSON.stringify(outcome));
  return outcome.offer;
}

describe('practitioners’ sites placed at their BAN address', () => {
  it('keeps the communes of the liberal sites only (a salaried line is no site)', async () => {
    expect([...(await communesOfPractitionerSites(extraction, 'utf-8', communes))]).toEqual(['01002']);
  });

  it('places a site the BAN has at its address, leaves the others at the commune, and counts both', async () => {
    const placement = await placeAtAddresses(extraction, 'utf-8', [ban], communes);
    expect(placement.addressPosition(offerOf(FOUND))).toEqual({ lon: 5.425179, lat: 46.005447 });
    expect(placement.addressPosition(offerOf(NOT_IN_BAN))).toBeUndefined();
    expect(placement.notes()).toEqual([
      'Adresses BAN adresses-01.csv : 3 lignes lues, 2 adresses des communes des sites gardées',
      'adresses trouvées : 1, non trouvées (position approximative, commune) : 1',
    ]);
  });

  it('says which BAN file cannot be read, before any import', async () => {
    await expect(
      placeAtAddresses(extraction, 'utf-8', [join(dir, 'adresses-99.csv.gz')], communes),
    ).rejects.toThrow(/Fichier d’adresses BAN .*adresses-99\.csv\.gz illisible/);
  });
});
