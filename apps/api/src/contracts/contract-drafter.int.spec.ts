import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../accounts/provision.js';
import { httpClient } from '../testing/http-client.js';
import { startTestApp } from '../testing/test-app.js';

const password = 'un mot de passe assez long';
const draft = (contractId: string) => ({
  contractId,
  name: 'Contrat local de santé du Lodévois et Larzac',
  territory: { name: 'Lodévois et Larzac', communeCodes: ['34142'] },
  period: { start: 2025, end: 2029 },
  parties: [{ organisation: 'CC Lodévois et Larzac' }],
  porteur: 'CC Lodévois et Larzac',
  commitments: [{ organisation: 'CC Lodévois et Larzac', staff: [{ role: 'Coordination', fte: 0.5 }] }],
});

describe('a coordinator invited without a contract drafts one and coordinates it', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    ({ app, base } = await startTestApp(database.url));
    const users = [
      { userId: 'admin', grants: [{ role: 'admin' as const }] },
      // Invited by an administrator as a coordinator, before any contract exists.
      { userId: 'camille', grants: [{ role: 'coordinator' as const }] },
      { userId: 'pilote', grants: [{ role: 'pilot' as const, actionId: 'ailleurs.1' }] },
    ];
    for (const user of users) {
      await provisionUser(app, {
        ...user,
        email: `${user.userId}@exemple.fr`,
        displayName: user.userId,
        password,
      });
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('grants the drafter the coordination of the contract drafted, and nothing to an administrator', async () => {
    const camille = httpClient(base, password);
    await camille.login('camille@exemple.fr');
    expect((await camille.query('board.contracts')).data).toEqual([]);

    const drafted = await camille.mutate('contract.draft', draft('cls-lodevois-larzac'));
    expect(drafted.status).toBe(200);
    // The command answered once its reaction ran: her session already coordinates it.
    expect((await camille.query('auth.me')).data).toMatchObject({
      grants: [
        { role: 'coordinator', scope: {} },
        { role: 'coordinator', scope: { contractId: 'cls-lodevois-larzac' } },
      ],
    });
    expect(
      (
        await camille.mutate('contract.defineAxis', {
          contractId: 'cls-lodevois-larzac',
          code: '1',
          title: 'Accès aux soins',
        })
      ).status,
    ).toBe(200);
    expect((await camille.query('board.contracts')).data).toMatchObject([
      { contractId: 'cls-lodevois-larzac' },
    ]);

    const admin = httpClient(base, password);
    await admin.login('admin@exemple.fr');
    expect((await admin.mutate('contract.draft', draft('cls-par-admin'))).status).toBe(200);
    expect((await admin.query('auth.me')).data).toMatchObject({ grants: [{ role: 'admin' }] });
    // Her role shows on the users page, granted by the platform after her draft.
    const users = (await admin.query('board.users')).data as unknown as Array<{
      userId: string;
      grants: unknown[];
    }>;
    expect(users.find((user) => user.userId === 'camille')?.grants).toEqual([
      { role: 'coordinator', contractId: '', actionId: '', departments: [] },
      { role: 'coordinator', contractId: 'cls-lodevois-larzac', actionId: '', departments: [] },
    ]);
  });

  it('lets its coordination correct the draft before signature, the signer’s name opened for readers', async () => {
    const camille = httpClient(base, password);
    await camille.login('camille@exemple.fr');
    const corrected = await camille.mutate('contract.updateDraft', {
      contractId: 'cls-lodevois-larzac',
      name: 'CLS du Lodévois et Larzac',
      parties: [
        { organisation: 'CC Lodévois et Larzac', signer: 'Marie Exemple, présidente' },
        { organisation: 'ARS Occitanie' },
      ],
    });
    expect(corrected.status).toBe(200);
    expect(
      (await camille.query('board.contractSetup', { contractId: 'cls-lodevois-larzac' })).data,
    ).toMatchObject({
      porteur: 'CC Lodévois et Larzac',
      parties: [
        {
          organisation: 'CC Lodévois et Larzac',
          signer: 'Marie Exemple, présidente',
          signerId: expect.any(String),
        },
        { organisation: 'ARS Occitanie' },
      ],
      commitments: [{ organisation: 'CC Lodévois et Larzac', staff: [{ role: 'Coordination', fte: 0.5 }] }],
    });
    // Nothing left to change: the domain says so.
    const again = await camille.mutate('contract.updateDraft', {
      contractId: 'cls-lodevois-larzac',
      name: 'CLS du Lodévois et Larzac',
    });
    expect(again.status).toBe(400);
    expect(again.error?.message).toBe('Rien à modifier');
    // Not her contract: the administrator's draft.
    const other = await camille.mutate('contract.updateDraft', {
      contractId: 'cls-par-admin',
      name: 'Autre',
    });
    expect(other.status).toBe(403);
    // Signed, it is no longer corrected.
    expect(
      (
        await camille.mutate('contract.sign', {
          contractId: 'cls-lodevois-larzac',
          signedOn: '2025-03-01',
          signatories: [{ organisation: 'CC Lodévois et Larzac' }, { organisation: 'ARS Occitanie' }],
        })
      ).status,
    ).toBe(200);
    const late = await camille.mutate('contract.updateDraft', {
      contractId: 'cls-lodevois-larzac',
      name: 'Autre',
    });
    expect(late.status).toBe(409);
    expect(late.error?.message).toMatch(/signé/);
  });

  it('refuses a pilot, appending nothing', async () => {
    const pilot = httpClient(base, password);
    await pilot.login('pilote@exemple.fr');
    const refused = await pilot.mutate('contract.draft', draft('cls-pilote'));
    expect(refused.status).toBe(403);
    expect(refused.error?.message).toMatch(/réservé aux administrateurs et aux coordinateur·rices/);
  });
});
