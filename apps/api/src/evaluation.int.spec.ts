import { createPool, type Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData, EMAIL_OF, IDS, login, provisionAccounts, trpcCall } from './testing/security.js';
import { startTestApp } from './testing/test-app.js';

type Result<T> = { result: { data: T } };
type Failure = { error: { message: string } };

interface PublicationCheck {
  seal: { contentHash: string; coversPosition: number; keyId: string; signature: string } | null;
  recomputedHash: string | null;
  signature: string | null;
  intact: boolean;
  verdict: string;
}

/**
 * The evaluation workbench over HTTP: the contract's evaluator answers a question
 * of annex 4 and proposes a score, not more; the coordination publishes, the host
 * seals the report (its hash, the position it covers, signed); a later replay of
 * the log gives back the same hash, and nothing changes once published.
 */
describe('the annual evaluation over HTTP: evaluator’s answers and scores, a sealed publication', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;
  let pool: Pool;
  const tokens: Record<'admin' | 'coordinator' | 'evaluator', string> = {
    admin: '',
    coordinator: '',
    evaluator: '',
  };
  let position = 0;
  const evaluationId = IDS.evaluation;

  const send = async (who: keyof typeof tokens, path: string, input: unknown) => {
    const response = await trpcCall(base, 'mutation', path, input, { token: tokens[who] });
    const data = (response.body as Partial<Result<{ position: number }>>).result?.data;
    if (data) position = Math.max(position, data.position);
    return response;
  };
  const read = async <T>(who: keyof typeof tokens, path: string, input: unknown) => {
    const response = await trpcCall(base, 'query', path, input, {
      token: tokens[who],
      headers: { 'x-cls-min-position': String(position) },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return (response.body as Result<T>).result.data;
  };

  beforeAll(async () => {
    ({ app, base } = await startTestApp(database.url));
    pool = createPool(database.url, { max: 1 });
    await provisionAccounts(app);
    tokens.admin = await login(base, EMAIL_OF.admin);
    await buildData(base, tokens.admin);
    tokens.coordinator = await login(base, EMAIL_OF.coordinator);
    tokens.evaluator = await login(base, EMAIL_OF.evaluator);
  });
  afterAll(async () => {
    await pool?.end();
    await app?.close();
  });

  it('lets the evaluator answer and score, and refuses them the plan and the publication', async () => {
    const answered = await send('evaluator', 'evaluation.answer', {
      evaluationId,
      questionKey: '7.1',
      answer: 'Oui : la politique de la ville siège au COPIL.',
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const scored = await send('evaluator', 'evaluation.score', {
      evaluationId,
      resultId: 'leviers-politique-ville',
      question: 'Dans quelle mesure la démarche CLS a-t-elle permis d’activer les principaux leviers ?',
      indicator: 'Articulation avec la politique de la ville',
      score: '+',
      evidence: 'Un atelier santé ville commun',
    });
    expect(scored.status).toBe(200);
    for (const [path, input] of [
      ['evaluation.publish', { evaluationId, publishedOn: '2026-02-15' }],
      ['contract.defineAxis', { contractId: IDS.contract, code: '9', title: 'Axe de l’évaluatrice' }],
    ] as const) {
      const refused = await send('evaluator', path, input);
      expect(refused.status).toBe(403);
      expect((refused.body as Failure).error.message).toMatch(/^Rôle évaluateur·rice/);
    }
    const [evaluation] = await read<
      Array<{ answers: Array<{ questionKey: string; answer: string }>; results: Array<{ resultId: string }> }>
    >('evaluator', 'board.evaluations', { contractId: IDS.contract });
    expect(evaluation?.answers).toEqual([
      { questionKey: '7.1', answer: 'Oui : la politique de la ville siège au COPIL.' },
    ]);
    expect(evaluation?.results.map((result) => result.resultId)).toEqual(['leviers-politique-ville']);
  });

  it('publishes a report frozen by its hash, which a later replay of the log gives back', async () => {
    const published = await send('coordinator', 'evaluation.publish', {
      evaluationId,
      publishedOn: '2026-02-15',
      // A client's seal is not taken: the host computes it.
      seal: {
        contentHash: '0'.repeat(64),
        coversPosition: 1,
        closingDate: '2026-01-01',
        keyId: '0'.repeat(16),
        signature: 'faux',
      },
    });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const check = await read<PublicationCheck>('admin', 'audit.publication', { evaluationId });
    expect(check).toMatchObject({ intact: true, signature: 'valid', verdict: 'Rapport publié intact' });
    expect(check.seal?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(check.seal?.contentHash).not.toBe('0'.repeat(64));
    expect(check.recomputedHash).toBe(check.seal?.contentHash);
    const [evaluation] = await read<Array<{ status: string; seal: { contentHash: string } | null }>>(
      'coordinator',
      'board.evaluations',
      { contractId: IDS.contract },
    );
    expect(evaluation).toMatchObject({ status: 'published', seal: { contentHash: check.seal?.contentHash } });

    // The log goes on: the published report, re-derived up to the position it covers, does not move.
    expect(
      (
        await send('coordinator', 'contract.defineAxis', {
          contractId: IDS.contract,
          code: '2',
          title: 'Prévention',
        })
      ).status,
    ).toBe(200);
    const later = await read<PublicationCheck>('admin', 'audit.publication', { evaluationId });
    expect(later).toMatchObject({ intact: true, recomputedHash: check.seal?.contentHash });
  });

  it('changes no answer nor score once published (409 with the reason)', async () => {
    for (const who of ['evaluator', 'coordinator'] as const) {
      const refused = await send(who, 'evaluation.answer', {
        evaluationId,
        questionKey: '7.2',
        answer: 'Tard',
      });
      expect(refused.status).toBe(409);
      expect((refused.body as Failure).error.message).toMatch(/publiée.*immuable/);
    }
  });

  it('tells an altered published report from an intact one', async () => {
    // A database administrator rewrites the answer in the log: the replay no longer gives the hash back.
    await pool.query(
      `UPDATE events SET data = jsonb_set(data::jsonb, '{answer}', '"Non."')::json WHERE type = 'EvaluationQuestionAnswered'`,
    );
    const altered = await read<PublicationCheck>('admin', 'audit.publication', { evaluationId });
    expect(altered.intact).toBe(false);
    expect(altered.verdict).toMatch(/^Rapport publié altéré/);
  });
});
