import { randomUUID } from 'node:crypto';
import { handleCommand } from '@cls/commands';
import { personalDataInClear, stoppedClock } from '@cls/commands/testing';
import type { Command } from '@cls/domain';
import { MemoryEventStore } from '@cls/event-store';
import { createPool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import { describe, expect, it } from 'vitest';
import { ALL_PROJECTIONS, ProjectionRunner, ReadModelQueries } from '../../index.js';

describe('organisations read model', () => {
  const database = useTestDatabase();

  it('lists the directory by name, searches it without accents, keeps edits and removals', async () => {
    const pool = createPool(database.url);
    const store = new MemoryEventStore();
    const commands: Command[] = [
      {
        type: 'RegisterOrganisation',
        organisationId: 'ars',
        name: 'Agence régionale de santé Occitanie',
        kind: 'ars',
        siret: '732 829 320 00074',
        address: { communeName: 'Montpellier' },
      },
      { type: 'RegisterOrganisation', organisationId: 'cpam', name: 'CPAM de l’Hérault', kind: 'cpam' },
      {
        type: 'RegisterOrganisation',
        organisationId: 'cc',
        name: 'Communauté de communes Lodévois et Larzac',
        kind: 'epci',
      },
      {
        type: 'UpdateOrganisation',
        organisationId: 'ars',
        changes: { website: 'https://www.occitanie.ars.sante.fr' },
        remove: ['siret'],
      },
    ];
    for (const command of commands) {
      await handleCommand(
        store,
        command,
        { actor: { id: 'admin', role: 'admin' }, commandId: randomUUID() },
        { clock: stoppedClock('2026-12-01T09:00:00.000Z'), sealer: personalDataInClear },
      );
    }
    const runner = new ProjectionRunner(store, pool, ALL_PROJECTIONS);
    await runner.start();
    await runner.waitFor(4);
    const queries = new ReadModelQueries(pool);

    expect((await queries.organisations()).map((row) => row.name)).toEqual([
      'Agence régionale de santé Occitanie',
      'Communauté de communes Lodévois et Larzac',
      'CPAM de l’Hérault',
    ]);
    expect(await queries.organisations({ query: 'agence REGIONALE' })).toEqual([
      {
        id: 'ars',
        name: 'Agence régionale de santé Occitanie',
        kind: 'ars',
        siret: null,
        addressLine: null,
        postcode: null,
        communeInsee: null,
        communeName: 'Montpellier',
        website: 'https://www.occitanie.ars.sante.fr',
        // Registered (0), then updated (1): what its edit form sends as `expectedRevision`.
        revision: 1,
      },
    ]);
    // Each word typed starts a word of the name: « herault » finds « l’Hérault », « erault » nothing.
    expect((await queries.organisations({ query: 'herault' })).map((row) => row.id)).toEqual(['cpam']);
    expect(await queries.organisations({ query: 'erault' })).toEqual([]);
    expect((await queries.organisations({ query: 'lodev', kind: 'epci' })).map((row) => row.id)).toEqual([
      'cc',
    ]);
    expect(await queries.organisations({ query: 'lodev', kind: 'ars' })).toEqual([]);
    expect((await queries.organisationsByIds(['cpam', 'inconnue'])).map((row) => row.id)).toEqual(['cpam']);
    await runner.stop();
    await pool.end();
  });
});
