import { DomainError } from '@cls/domain';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../testing/test-app.js';
import { PersonalDataVault } from './vault.js';

describe('PersonalDataVault.prepareKeys: many keys made at once, before an import seals', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let other: INestApplication;

  beforeAll(async () => {
    ({ app } = await startTestApp(database.url));
    // Another process on the same database: it sees only what is stored.
    ({ app: other } = await startTestApp(database.url));
  });
  afterAll(async () => {
    await other?.close();
    await app?.close();
  });

  it('keeps an existing key and an erasure as they are, and stores the new keys that seal', async () => {
    const vault = app.get(PersonalDataVault);
    const kept = await vault.seal('practitioner:10000000001', 'Alice Existante');
    await vault.erase('practitioner:10000000002');

    await vault.prepareKeys([
      'practitioner:10000000001',
      'practitioner:10000000002',
      'practitioner:10000000003',
    ]);

    expect(await vault.open('practitioner:10000000001', kept)).toBe('Alice Existante');
    await expect(vault.seal('practitioner:10000000002', 'Bruno Effacé')).rejects.toBeInstanceOf(DomainError);
    const sealed = await vault.seal('practitioner:10000000003', 'Camille Nouvelle');

    const elsewhere = other.get(PersonalDataVault);
    expect(await elsewhere.open('practitioner:10000000001', kept)).toBe('Alice Existante');
    expect(await elsewhere.open('practitioner:10000000003', sealed)).toBe('Camille Nouvelle');
    expect(await elsewhere.isErased('practitioner:10000000002')).toBe(true);
  });
});
