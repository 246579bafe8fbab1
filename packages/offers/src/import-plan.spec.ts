import { CloseOfferSchema, RegisterOfferSchema, UpdateOfferSchema } from '@cls/domain';
import { describe, expect, it } from 'vitest';
import type { FinessOffer } from './finess/to-offer.js';
import { type ImportedOffer, planOfferImport } from './import-plan.js';

const offer = (finess: string, name = `MSP ${finess}`): FinessOffer => ({
  offerId: `finess-${finess}`,
  finess,
  source: 'finess',
  kind: 'msp',
  name,
  address: { line: '1 RUE DE LA PAIX', postcode: '34000', communeInsee: '34172', communeName: 'Montpellier' },
  position: { lon: 3.87, lat: 43.61 },
  category: { code: '603', label: 'Maison de santé (L.6223-3)' },
});

/** What the platform knows once an incoming offer is registered. */
const known = ({ offerId, finess, source: _, ...details }: FinessOffer, closed = false): ImportedOffer => ({
  offerId,
  finess,
  details,
  closed,
});

const OPTIONS = { verifiedOn: '2026-11-23' };

describe('planOfferImport', () => {
  it('registers the offers not yet known, dated with the extract', () => {
    const plan = planOfferImport([], [offer('340000002'), offer('340000001')], OPTIONS);
    expect(plan.register.map((payload) => payload.offerId)).toEqual(['finess-340000001', 'finess-340000002']);
    expect(plan.register[0]).toEqual({ ...offer('340000001'), verifiedOn: '2026-11-23' });
    expect(RegisterOfferSchema.safeParse(plan.register[0]).success).toBe(true);
    expect([plan.update, plan.close, plan.reopened, plan.unchanged]).toEqual([[], [], [], 0]);
  });

  it('plans nothing when the same file is imported again', () => {
    const incoming = [offer('340000001'), offer('110000001'), offer('2A0000001')];
    const first = planOfferImport([], incoming, OPTIONS);
    const current = first.register.map(({ verifiedOn: _, ...registered }) =>
      known(registered as FinessOffer),
    );
    expect(planOfferImport(current, incoming, OPTIONS)).toEqual({
      register: [],
      update: [],
      close: [],
      reopened: [],
      unchanged: 3,
    });
  });

  it('updates only the fields that changed, under the known offer id', () => {
    const before = { ...known(offer('340000001')), offerId: 'msp-des-pins' };
    const after = { ...offer('340000001', 'MSP DES PINS'), phone: '0467000000' };
    const plan = planOfferImport([before], [after], OPTIONS);
    expect(plan.update).toEqual([
      {
        offerId: 'msp-des-pins',
        changes: { name: 'MSP DES PINS', phone: '0467000000' },
        remove: [],
        verifiedOn: '2026-11-23',
      },
    ]);
    expect(UpdateOfferSchema.safeParse(plan.update[0]).success).toBe(true);
    expect(plan.unchanged).toBe(0);
  });

  it('fills the public a FINESS name tells only where the offer has none: a coordinator’s choice stands', () => {
    const child = {
      ...offer('340000001'),
      kind: 'cmp' as const,
      publics: ['enfants' as const, 'adolescents' as const],
    };
    const { publics: _, ...withoutPublics } = child;
    const filled = planOfferImport([known(withoutPublics)], [child], OPTIONS);
    expect(filled.update).toEqual([
      {
        offerId: 'finess-340000001',
        changes: { publics: ['enfants', 'adolescents'] },
        remove: [],
        verifiedOn: '2026-11-23',
      },
    ]);
    const chosen = planOfferImport([known({ ...child, publics: ['adolescents'] })], [child], OPTIONS);
    expect([chosen.update, chosen.unchanged]).toEqual([[], 1]);
  });

  it('removes a phone or an opening date the file no longer gives', () => {
    const before = known({ ...offer('340000001'), phone: '0467000000', openedOn: '2019-12-06' });
    const plan = planOfferImport([before], [offer('340000001')], OPTIONS);
    expect(plan.update).toEqual([
      { offerId: 'finess-340000001', changes: {}, remove: ['phone', 'openedOn'], verifiedOn: '2026-11-23' },
    ]);
    expect(UpdateOfferSchema.safeParse(plan.update[0]).success).toBe(true);
  });

  it('sees a moved address as one changed field', () => {
    const moved = offer('340000001');
    moved.address = { ...moved.address, line: '2 RUE DE LA PAIX' };
    const plan = planOfferImport([known(offer('340000001'))], [moved], OPTIONS);
    expect(plan.update[0]?.changes).toEqual({ address: moved.address });
  });

  it('closes a known offer gone from the file, in a department the file covers', () => {
    const current = [known(offer('340000001')), known(offer('340000002'))];
    const plan = planOfferImport(current, [offer('340000001')], OPTIONS);
    expect(plan.close).toEqual([
      {
        offerId: 'finess-340000002',
        closedOn: '2026-11-23',
        reason: 'Absente du fichier FINESS du 2026-11-23',
      },
    ]);
    expect(CloseOfferSchema.safeParse(plan.close[0]).success).toBe(true);
    expect(plan.unchanged).toBe(1);
  });

  it('never closes the offers of departments the file does not cover', () => {
    const current = [known(offer('340000001')), known(offer('110000001')), known(offer('2A0000001'))];
    const plan = planOfferImport(current, [offer('340000002')], OPTIONS);
    expect(plan.close.map((close) => close.offerId)).toEqual(['finess-340000001']);
  });

  it('closes in the departments given as scope, even those with no offer left in the file', () => {
    const current = [known(offer('340000001')), known(offer('110000001')), known(offer('250000001'))];
    const plan = planOfferImport(current, [], { ...OPTIONS, scopeDepartements: ['34', '11'] });
    expect(plan.close.map((close) => close.offerId)).toEqual(['finess-110000001', 'finess-340000001']);
  });

  it('closes nothing when an empty file is imported without a scope', () => {
    expect(planOfferImport([known(offer('340000001'))], [], OPTIONS).close).toEqual([]);
  });

  it('reads Corsica and overseas departments from the FINESS number', () => {
    const current = [
      known(offer('2A0000001')),
      known(offer('2B0000001')),
      known(offer('970400001')),
      known(offer('970100001')),
    ];
    const plan = planOfferImport(current, [offer('2A0000002'), offer('970400002')], OPTIONS);
    expect(plan.close.map((close) => close.offerId)).toEqual(['finess-2A0000001', 'finess-970400001']);
  });

  it('reports a closed offer that reappears instead of registering or closing it', () => {
    const current = [known(offer('340000001'), true), known(offer('340000002'), true)];
    const plan = planOfferImport(current, [offer('340000001', 'MSP ROUVERTE')], OPTIONS);
    expect(plan.reopened).toEqual([{ offerId: 'finess-340000001', finess: '340000001' }]);
    expect([plan.register, plan.update, plan.close, plan.unchanged]).toEqual([[], [], [], 0]);
  });

  it('refuses a file holding a FINESS number twice, and a date that is not one', () => {
    expect(() => planOfferImport([], [offer('340000001'), offer('340000001')], OPTIONS)).toThrow(
      'Import FINESS : le numéro 340000001 figure deux fois dans le fichier',
    );
    expect(() => planOfferImport([], [], { verifiedOn: '31/02/2026' })).toThrow(
      /date de vérification invalide/,
    );
    // A French date is read as the day it means, and the events carry it as AAAA-MM-JJ.
    expect(
      planOfferImport([], [offer('340000001')], { verifiedOn: '23/11/2026' }).register[0]?.verifiedOn,
    ).toBe('2026-11-23');
  });
});
