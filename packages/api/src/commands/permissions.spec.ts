import { randomUUID } from 'node:crypto';
import { DomainError } from '@cls/domain';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import type { Session } from '../auth/session.js';
import { appRouter } from '../root.js';
import { fakeContext, sessionWith } from '../testing/fake-context.js';
import { createCallerFactory } from '../trpc.js';

const createCaller = createCallerFactory(appRouter);
const cdh = 'cls-coeur-herault-2024';
const contracts = {
  [`action-${cdh}.1.1-A1`]: cdh,
  [`action-${cdh}.2.1-A1`]: cdh,
  'action-autre.1': 'autre',
  [`evaluation-${cdh}.2025`]: cdh,
  'evaluation-autre.2025': 'autre',
};

const admin = sessionWith({ role: 'admin', scope: {} });
const coordinator = sessionWith({ role: 'coordinator', scope: { contractId: cdh } });
const pilot = sessionWith({ role: 'pilot', scope: { actionId: `${cdh}.1.1-A1` } });
const auditor = sessionWith({ role: 'auditor', scope: {} });
const evaluator = sessionWith({ role: 'evaluator', scope: { contractId: cdh } });

const sign = { contractId: cdh, signedOn: '2024-03-15', signatories: [{ organisation: 'ARS Occitanie' }] };
const start = (actionId: string) => ({ actionId, startedOn: '2025-01-06' });

async function outcome(
  session: Session | null,
  call: (caller: ReturnType<typeof createCaller>) => Promise<unknown>,
) {
  const context = fakeContext(session, { contracts });
  try {
    await call(createCaller(context));
    return { code: 'OK', executed: context.executed.length };
  } catch (error) {
    return {
      code: (error as TRPCError).code,
      message: (error as Error).message,
      executed: context.executed.length,
    };
  }
}

describe('who may command what', () => {
  it.each([
    ['nobody signed in', null, 'UNAUTHORIZED'],
    ['an auditor', auditor, 'FORBIDDEN'],
    ['a pilot', pilot, 'FORBIDDEN'],
    [
      'the coordinator of another contract',
      sessionWith({ role: 'coordinator', scope: { contractId: 'autre' } }),
      'FORBIDDEN',
    ],
    ['the coordinator of this contract', coordinator, 'OK'],
    ['an admin', admin, 'OK'],
  ])('signing the contract: %s → %s', async (_who, session, expected) => {
    const result = await outcome(session, (caller) => caller.contract.sign(sign));
    expect(result.code).toBe(expected);
    expect(result.executed).toBe(expected === 'OK' ? 1 : 0);
  });

  it('says plainly that auditors only read', async () => {
    const result = await outcome(auditor, (caller) => caller.action.start(start(`${cdh}.1.1-A1`)));
    expect(result).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/auditeur.*consultation seule/i),
    });
  });

  it('lets an evaluator score their contract’s evaluation, nothing else, and says why in French', async () => {
    const score = (evaluationId: string) => ({
      evaluationId,
      resultId: 'axe1-installation',
      question: 'Le CLS a-t-il favorisé l’installation ?',
      indicator: 'Professionnels installés',
      score: '+' as const,
      evidence: 'Trois installations',
    });
    expect((await outcome(evaluator, (c) => c.evaluation.score(score(`${cdh}.2025`)))).code).toBe('OK');
    expect((await outcome(evaluator, (c) => c.evaluation.score(score('autre.2025')))).code).toBe('FORBIDDEN');
    const publish = await outcome(evaluator, (c) =>
      c.evaluation.publish({ evaluationId: `${cdh}.2025`, publishedOn: '2026-02-15' }),
    );
    expect(publish).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/^Rôle évaluateur·rice/),
    });
    expect((await outcome(evaluator, (c) => c.evaluation.open({ contractId: cdh, year: 2026 }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await outcome(evaluator, (c) => c.contract.sign(sign))).code).toBe('FORBIDDEN');
    expect((await outcome(evaluator, (c) => c.action.start(start(`${cdh}.1.1-A1`)))).code).toBe('FORBIDDEN');
  });

  it('lets a pilot run their own action, not another one, and not plan or abandon', async () => {
    expect((await outcome(pilot, (c) => c.action.start(start(`${cdh}.1.1-A1`)))).code).toBe('OK');
    expect((await outcome(pilot, (c) => c.action.start(start(`${cdh}.2.1-A1`)))).code).toBe('FORBIDDEN');
    expect(
      (
        await outcome(pilot, (c) =>
          c.action.abandon({
            actionId: `${cdh}.1.1-A1`,
            abandonedOn: '2025-02-01',
            reason: 'plus de financement',
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('lets the coordinator run every action of the contract, not those of another contract', async () => {
    expect((await outcome(coordinator, (c) => c.action.start(start(`${cdh}.2.1-A1`)))).code).toBe('OK');
    expect((await outcome(coordinator, (c) => c.action.start(start('autre.1')))).code).toBe('FORBIDDEN');
  });

  it('lets admins and coordinators (invited with or without a contract) draft contracts, and only admins manage users', async () => {
    const draft = {
      contractId: 'nouveau',
      name: 'CLS',
      territory: { name: 'Territoire' },
      period: { start: 2025, end: 2030 },
    };
    const invitedCoordinator = sessionWith({ role: 'coordinator', scope: {} });
    expect((await outcome(invitedCoordinator, (c) => c.contract.draft(draft))).code).toBe('OK');
    expect((await outcome(coordinator, (c) => c.contract.draft(draft))).code).toBe('OK');
    expect((await outcome(admin, (c) => c.contract.draft(draft))).code).toBe('OK');
    const byPilot = await outcome(pilot, (c) => c.contract.draft(draft));
    expect(byPilot).toMatchObject({ code: 'FORBIDDEN', executed: 0 });
    expect(byPilot.message).toMatch(/administrateurs et aux coordinateur·rices/);
    expect((await outcome(auditor, (c) => c.contract.draft(draft))).code).toBe('FORBIDDEN');
    // A coordinator without a contract yet coordinates nothing else.
    expect((await outcome(invitedCoordinator, (c) => c.contract.sign(sign))).code).toBe('FORBIDDEN');
    const invite = { userId: 'u2', email: 'u2@exemple.fr', displayName: 'Deux' };
    expect((await outcome(coordinator, (c) => c.user.invite(invite))).code).toBe('FORBIDDEN');
    expect((await outcome(admin, (c) => c.user.invite(invite))).code).toBe('OK');
  });
});

describe('bad input and refusals', () => {
  it('runs the command as its schema returned it, the retry key apart', async () => {
    const context = fakeContext(admin);
    const commandId = randomUUID();
    const result = await createCaller(context).action.start({ ...start(`${cdh}.1.1-A1`), commandId });
    expect(context.executed).toEqual([
      { type: 'StartAction', actionId: `${cdh}.1.1-A1`, startedOn: '2025-01-06' },
    ]);
    expect(result.commandId).toBe(commandId);
  });

  it('answers malformed input with field messages and runs nothing', async () => {
    const context = fakeContext(admin);
    const error = await createCaller(context)
      .contract.sign({ contractId: cdh, signedOn: '15/03/2024', signatories: [] })
      .catch((caught: TRPCError) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
    expect(context.executed).toHaveLength(0);
  });

  it.each([
    [new DomainError('not_found', 'Action introuvable'), 'NOT_FOUND'],
    [new DomainError('invalid_value', 'Date hors période', 'startedOn'), 'BAD_REQUEST'],
    [new DomainError('invalid_status', 'Action déjà achevée'), 'CONFLICT'],
    [new DomainError('already_done', 'Déjà signé'), 'CONFLICT'],
    [Object.assign(new Error('conflict'), { name: 'WrongExpectedRevision', actualRevision: 4 }), 'CONFLICT'],
  ])('maps %s to %s', async (refusal, code) => {
    const context = fakeContext(admin, {
      execute: async () => {
        throw refusal;
      },
    });
    const error = await createCaller(context)
      .action.start({ ...start(`${cdh}.1.1-A1`), commandId: randomUUID() })
      .catch((caught: TRPCError) => caught);
    expect((error as TRPCError).code).toBe(code);
    expect((error as TRPCError).cause).toBe(refusal);
  });
});
