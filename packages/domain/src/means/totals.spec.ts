import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractDecider } from '../contract/decider.js';
import type { ContractEvent } from '../contract/events.js';
import { DomainError, fold } from '../decider.js';
import { EuroAmountSchema } from './commands.js';
import type { FundingYear } from './events.js';
import { FUNDING_FIGURES, fundingTotals, type MeansContext, toCents } from './rules.js';

const contractId = 'cls-a';
const YEARS = [2024, 2025, 2026, 2027, 2028, 2029];
/** An amount to the cent, as a person types it (decimals that floats cannot hold exactly). */
const euros = fc.integer({ min: 0, max: 50_000_000 }).map((cents) => cents / 100);
const figure = fc.option(euros, { nil: undefined });
const yearOf = (year: number) =>
  fc.record({ planned: figure, committed: figure, paid: figure }).map((figures): FundingYear => {
    const amounts: FundingYear = { year };
    for (const name of FUNDING_FIGURES) if (figures[name] !== undefined) amounts[name] = figures[name];
    return amounts;
  });
const line = fc
  .subarray(YEARS, { minLength: 0 })
  .chain((years) => fc.tuple(...years.map(yearOf)))
  .map((amounts) => ({ amounts }));
const lines = fc.array(line, { maxLength: 15 });

describe('fundingTotals', () => {
  it('the totals per year equal the sum of the lines, to the cent; a figure no line gives is unknown, never 0', () =>
    fc.assert(
      fc.property(lines, (funding) => {
        const totals = fundingTotals(funding);
        for (const year of YEARS) {
          const ofYear = funding.flatMap((each) => each.amounts.filter((amounts) => amounts.year === year));
          const total = totals.find((each) => each.year === year);
          if (ofYear.length === 0) {
            expect(total).toBeUndefined();
            continue;
          }
          expect(total?.lines).toBe(ofYear.length);
          for (const name of FUNDING_FIGURES) {
            const given = ofYear.flatMap((amounts) => (amounts[name] === undefined ? [] : [amounts[name]]));
            const expected = given.reduce((sum, amount) => sum + toCents(amount), 0);
            if (given.length === 0) expect(total?.[name]).toBeUndefined();
            else expect(toCents(total?.[name] ?? Number.NaN)).toBe(expected);
          }
        }
      }),
    ));

  it('sums 0,10 € and 0,20 € to 0,30 € exactly', () => {
    expect(
      fundingTotals([{ amounts: [{ year: 2025, paid: 0.1 }] }, { amounts: [{ year: 2025, paid: 0.2 }] }]),
    ).toEqual([{ year: 2025, paid: 0.3, lines: 2 }]);
  });

  it('leaves withdrawn lines out', () => {
    expect(
      fundingTotals([
        { amounts: [{ year: 2025, paid: 10 }] },
        { amounts: [{ year: 2025, paid: 20 }], withdrawn: true },
      ]),
    ).toEqual([{ year: 2025, paid: 10, lines: 1 }]);
  });

  it('an amount takes cents, never a third of one', () => {
    expect(EuroAmountSchema.safeParse(12500.5).success).toBe(true);
    expect(EuroAmountSchema.safeParse(0.1 + 0.2).success).toBe(true);
    expect(EuroAmountSchema.safeParse(1.005).success).toBe(false);
    expect(EuroAmountSchema.safeParse(-1).success).toBe(false);
  });
});

describe('a funding line’s update', () => {
  const drafted: ContractEvent = {
    type: 'ContractDrafted',
    data: {
      contractId,
      name: 'Contrat',
      territory: { name: 'Territoire', epci: [], communes: [] },
      period: { start: 2024, end: 2029 },
      parties: [],
    },
  };
  const context: { means: MeansContext } = {
    means: { organisations: { ars: 'ARS Occitanie', cpam: 'CPAM' }, actions: {} },
  };

  it('never changes another line', () =>
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 2, maxLength: 6 }),
        fc.nat(),
        fc.constantFrom(...YEARS),
        figure,
        figure,
        (funding, pick, year, committed, paid) => {
          const planned: ContractEvent[] = funding.map((each, index) => ({
            type: 'FundingLinePlanned',
            data: {
              contractId,
              fundingLineId: `ligne-${index}`,
              funder: { organisationId: 'ars', name: 'ARS Occitanie' },
              label: `Ligne ${index}`,
              amounts: each.amounts,
            },
          }));
          const state = fold(contractDecider, [drafted, ...planned]);
          const target = `ligne-${pick % funding.length}`;
          for (const command of [
            {
              type: 'RecordFundingAmounts' as const,
              contractId,
              fundingLineId: target,
              year,
              committed,
              paid,
            },
            {
              type: 'UpdateFundingLine' as const,
              contractId,
              fundingLineId: target,
              funderId: 'cpam',
              label: 'Autre',
            },
            { type: 'WithdrawFundingLine' as const, contractId, fundingLineId: target, reason: 'Erreur' },
          ]) {
            const decision = contractDecider.decide(command, state, context);
            if (decision instanceof DomainError) continue;
            const after = decision.reduce(contractDecider.evolve, state);
            for (const [id, before] of Object.entries(state.means.fundingLines))
              if (id !== target) expect(after.means.fundingLines[id]).toEqual(before);
          }
        },
      ),
    ));
});
