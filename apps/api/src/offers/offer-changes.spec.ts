import { ERASED_PERSONAL_DATA } from '@cls/domain';
import type { RecordedEvent } from '@cls/event-store';
import { describe, expect, it } from 'vitest';
import { OfferChangeFeed, type OpenPersonalData } from './offer-changes.js';

const SEALED = 'sealed:v1:AAAA';

/** A practitioner's registration as the log keeps it: the person's name sealed with their key. */
function registration(position: number, personId: string): RecordedEvent {
  return {
    id: `event-${position}`,
    stream: `offer-rpps-${position}`,
    revision: 0,
    position,
    type: 'OfferRegistered',
    version: 1,
    data: {
      offerId: `rpps-${position}`,
      source: 'rpps',
      kind: 'sage_femme',
      name: 'Sage-femme à Lodève',
      address: {
        line: '1 RUE DE LA REPUBLIQUE',
        postcode: '34700',
        communeInsee: '34142',
        communeName: 'Lodève',
      },
      position: { lon: 3.305756, lat: 43.730632 },
      positionPrecision: 'commune',
      practitioner: { name: SEALED, personId },
      verifiedOn: '2026-11-01',
    },
    metadata: {
      actor: { id: 'import-rpps', role: 'admin' },
      commandId: null,
      correlationId: null,
      causationId: null,
      occurredAt: '2026-11-01T00:00:00.000Z',
      recordedAt: '2026-11-01T00:00:00.000Z',
      prevHash: '0'.repeat(64),
      hash: '0'.repeat(64),
    },
  };
}

/** Opens the one sealed value: a known person's name, or « [donnée effacée] » once their key is gone. */
const vault =
  (names: Record<string, string>): OpenPersonalData =>
  async <Data>(_type: string, data: Data) =>
    JSON.parse(
      JSON.stringify(data, (_key, value: unknown) => {
        if (value && typeof value === 'object' && 'personId' in value && 'name' in value) {
          const subject = String(value.personId);
          return { ...value, name: names[subject] ?? ERASED_PERSONAL_DATA };
        }
        return value;
      }),
    ) as Data;

describe('the offers’ change feed and personal data', () => {
  const store = {
    readAll: async () => [registration(7, 'person-rpps-10001234567'), registration(9, 'person-rpps-1')],
  };

  it('gives a practitioner’s name opened, and leaves it out once the key was erased — never the ciphertext', async () => {
    const feed = new OfferChangeFeed(store, vault({ 'person-rpps-10001234567': 'Marie Exemple' }));
    const page = await feed.page(0, 10);
    expect(JSON.stringify(page)).not.toContain(SEALED);
    expect(JSON.stringify(page)).not.toContain(ERASED_PERSONAL_DATA);
    const [known, erased] = page.changes;
    expect(known).toMatchObject({
      type: 'created',
      cursor: '7',
      offer: { practitioner: { name: 'Marie Exemple', personId: 'person-rpps-10001234567' } },
    });
    expect(erased).toMatchObject({
      type: 'created',
      cursor: '9',
      offer: { practitioner: { personId: 'person-rpps-1' } },
    });
    expect(erased?.type === 'created' && erased.offer.practitioner).not.toHaveProperty('name');
    expect(page).toMatchObject({ next: '9', complete: false });
  });

  it('says a page is complete when it holds as many changes as asked, its next cursor the last one’s', async () => {
    const feed = new OfferChangeFeed(store, vault({}));
    expect(await feed.page(3, 2)).toMatchObject({ next: '9', complete: true });
    // Nothing after the last event: the same cursor again, to poll from.
    const last = new OfferChangeFeed(
      { readAll: async ({ fromPosition = 0 } = {}) => (fromPosition < 9 ? [registration(9, 'p')] : []) },
      vault({}),
    );
    expect(await last.page(9, 2)).toEqual({ changes: [], next: '9', complete: false });
  });

  it('refuses a cursor beyond the log’s last event', async () => {
    const empty = new OfferChangeFeed({ readAll: async () => [] }, vault({}));
    await expect(empty.page(42, 2)).rejects.toThrow(/au-delà du journal/);
    expect(await empty.page(0, 2)).toEqual({ changes: [], next: '0', complete: false });
  });
});
