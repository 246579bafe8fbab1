import type { OfferRow } from '@cls/projections';
import { describe, expect, it } from 'vitest';
import { OfferDirectory } from './offer-directory.js';
import { OfferIndexCache } from './offer-index-cache.js';
import { offerRow } from './testing/offer-row.js';

/** Offers around Pézenas, entered by hand and verified in July. */
const row = (id: string, fields: Partial<OfferRow> = {}): OfferRow =>
  offerRow(id, {
    source: 'manual',
    name: `Offre ${id}`,
    postcode: '34120',
    communeInsee: '34199',
    communeName: 'Pézenas',
    lon: 3.42,
    lat: 43.46,
    phone: '0467000000',
    verifiedOn: '2026-07-01',
    sourceDate: '2026-07-01',
    ...fields,
  });

const ROWS = [
  // Nearest: hours known, closed at noon
  row('a', { lon: 3.421, openingHours: 'Mo-Fr 08:00-11:00', publics: ['adultes'] }),
  row('b', {
    lon: 3.43,
    openingHours: '24/7',
    publics: ['enfants'],
    access: ['gratuit', 'sans_rendez_vous'],
  }),
  // No hours: never « ouvert », never « fermé »
  row('c', { lon: 3.44, kind: 'cmp', publics: ['enfants'] }),
  row('d', {
    lon: 3.45,
    kind: 'cmp',
    openingHours: 'Mo-Fr 09:00-17:00; Sa 09:00-12:00',
    publics: ['enfants', 'adolescents'],
    access: ['gratuit'],
  }),
];

/** Wednesday 15 July 2026, 12:00 in Paris (10:00 UTC). */
const NOON = new Date('2026-07-15T10:00:00Z');

function directory(rows: OfferRow[] = ROWS) {
  const current = new OfferIndexCache(
    { offers: async () => rows, offersChangedSince: async () => rows, offersRevision: async () => 1 },
    { staleAfterDays: 365, today: () => '2026-07-15' },
  );
  const none = () => {
    throw new Error('non utilisé ici');
  };
  return new OfferDirectory(
    current,
    { at: none },
    { get: none, search: none, epcis: none, territoryCommunes: none },
    {
      publicContracts: none,
      publicContract: none,
      governanceBodies: none,
      offersWithPendingReport: async () => new Set<string>(),
    },
    { now: () => NOON },
  );
}

const center = { lon: 3.42, lat: 43.46 };

describe('the portal’s search filters (Europe/Paris time)', () => {
  it('keeps the offers open now, nearest first, and says so on each', async () => {
    const found = await directory().search({ center, kinds: ['msp'], openNow: true });
    expect(found.results.map((offer) => [offer.id, offer.openNow])).toEqual([['b', true]]);
    expect(found.total).toBe(1);
    const all = await directory().search({ center, kinds: ['msp'] });
    expect(all.results.map((offer) => [offer.id, offer.openNow])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });

  it('finds the child CMPs open on Saturday, and gives the week table', async () => {
    const found = await directory().search({
      center,
      kinds: ['cmp'],
      publics: ['enfants'],
      openSaturday: true,
    });
    expect(found.results.map((offer) => offer.id)).toEqual(['d']);
    expect(found.results[0]?.week?.find((day) => day.weekday === 'samedi')?.opening).toBe('09:00–12:00');
    const unknown = await directory().search({ center, kinds: ['cmp'], publics: ['enfants'] });
    expect(unknown.results.find((offer) => offer.id === 'c')).toMatchObject({ openNow: null, week: null });
  });

  it('counts each filter value with the other filters applied', async () => {
    const found = await directory().search({ center, kinds: ['cmp'], publics: ['enfants'] });
    expect(found.counts).toEqual({ msp: 1, cmp: 2 });
    expect(found.filterCounts).toEqual({
      openNow: 1,
      openSaturday: 1,
      publics: { enfants: 2, adolescents: 1 },
      access: { gratuit: 1 },
    });
  });

  it('requires every access condition chosen', async () => {
    const found = await directory().search({ center, access: ['gratuit', 'sans_rendez_vous'] });
    expect(found.results.map((offer) => offer.id)).toEqual(['b']);
    expect(found.filterCounts.access).toEqual({ gratuit: 1, sans_rendez_vous: 1 });
  });
});

describe('the coordinators’ directory', () => {
  it('finds a practitioner’s offer by her name and her RPPS number, not only by the profession', async () => {
    // A made-up practitioner (names and numbers invented), her name opened as the host reads it.
    const midwife = row('rpps-10000000501-tc10000000501', {
      source: 'rpps',
      kind: 'sage_femme',
      name: 'Sage-femme',
      rpps: '10000000501',
      practitioner: { name: 'BÉRÉNICE LEFÈVRE', personId: 'person-rpps-10000000501' },
    });
    const list = (search: string) => directory([...ROWS, midwife]).list({ search, state: 'all', limit: 50 });
    expect((await list('lefevre')).items.map((offer) => offer.id)).toEqual([midwife.id]);
    expect((await list('10000000501')).items.map((offer) => offer.id)).toEqual([midwife.id]);
    expect((await list('sage-femme')).items.map((offer) => offer.id)).toEqual([midwife.id]);
  });
});
