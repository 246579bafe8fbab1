import type { OfferRow } from '@cls/projections';
import { describe, expect, it } from 'vitest';
import { offerRow } from '../offers/testing/offer-row.js';
import { openPractitioners } from './opened-read-models.js';

/** An offer row whose practitioner is sealed (two in three), as the read model gives it. */
const row = (n: number): OfferRow =>
  offerRow(`rpps-${n}`, {
    practitioner: n % 3 === 0 ? null : { name: `sealed-${n}`, personId: `person-rpps-${n}` },
  });

describe('the practitioners of the directory opened', () => {
  it('reads their keys a slice at a time and opens each name right after its slice was read', async () => {
    const preloads: number[] = [];
    let fresh = new Set<string>();
    const opened: string[] = [];
    const vault = {
      // A key is kept for a while only: those of the last read are the ones sure to be there.
      preload: async (subjects: Iterable<string>) => {
        fresh = new Set(subjects);
        preloads.push(fresh.size);
      },
      open: async (subject: string, value: string) => {
        if (!fresh.has(subject)) throw new Error(`clé de ${subject} lue trop tôt`);
        opened.push(subject);
        return value.replace('sealed', 'Dr');
      },
    };
    const rows = Array.from({ length: 12_000 }, (_, n) => row(n));
    const result = await openPractitioners(rows, vault);
    expect(preloads).toEqual([3333, 3333, 1334]);
    expect(result.map((offer) => offer.id)).toEqual(rows.map((offer) => offer.id));
    expect(result[1]?.practitioner).toEqual({ name: 'Dr-1', personId: 'person-rpps-1' });
    expect(result[3]?.practitioner).toBeNull();
    expect(opened).toHaveLength(8000);
  });
});
