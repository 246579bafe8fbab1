import { AGGREGATE_OF_COMMAND, type CommandType, isReadOnlyRole, mayDraftContract } from '@cls/domain';
import { TRPCError } from '@trpc/server';
import type { ApiContext } from '../trpc.js';
import type { Session } from './session.js';

/**
 * Who may command what:
 * - admin: everything;
 * - coordinator: the contracts they coordinate, and everything attached to them
 *   (actions, conventions, meetings, evaluations);
 * - pilot: the actions they pilot (not planning nor abandoning them);
 * - evaluator: the answers and proposed scores of their contract's annual evaluations,
 *   nothing else (not the plan, not opening nor publishing an evaluation);
 * - auditor: reads everything, commands nothing;
 * - ars: reads the contracts of its departments, commands nothing;
 * - elected: reads their contract, commands nothing.
 */
export const isAdmin = (session: Session) => session.grants.some((grant) => grant.role === 'admin');

const coordinates = (session: Session, contractId: string | undefined) =>
  contractId !== undefined &&
  session.grants.some((grant) => grant.role === 'coordinator' && grant.scope.contractId === contractId);

const pilots = (session: Session, actionId: string) =>
  session.grants.some((grant) => grant.role === 'pilot' && grant.scope.actionId === actionId);

const evaluates = (session: Session, contractId: string | undefined) =>
  contractId !== undefined &&
  session.grants.some((grant) => grant.role === 'evaluator' && grant.scope.contractId === contractId);

const only = (session: Session, role: Session['grants'][number]['role']) =>
  session.grants.length > 0 && session.grants.every((grant) => grant.role === role);

/** Why a session holding only read-only roles may send no command, named by its role. */
const READ_ONLY_REFUSAL: Record<'auditor' | 'ars' | 'elected', string> = {
  auditor: 'Rôle auditeur : consultation seule, aucune commande possible',
  ars: 'Rôle ARS : consultation seule, aucune commande possible',
  elected: 'Rôle élu·e : consultation seule, aucune commande possible',
};

function forbidden(session: Session, what: string): never {
  const readOnly = session.grants.length > 0 && session.grants.every((grant) => isReadOnlyRole(grant.role));
  const roles = new Set(session.grants.map((grant) => grant.role));
  const [sole] = roles;
  throw new TRPCError({
    code: 'FORBIDDEN',
    message: only(session, 'evaluator')
      ? `Rôle évaluateur·rice : seules les réponses et les cotes de l’évaluation annuelle de son contrat sont possibles (${what})`
      : !readOnly
        ? `Action non autorisée : ${what}`
        : roles.size === 1 && (sole === 'auditor' || sole === 'ars' || sole === 'elected')
          ? READ_ONLY_REFUSAL[sole]
          : 'Consultation seule : aucune commande possible',
  });
}

export function requireAdmin(session: Session, what: string): void {
  if (!isAdmin(session)) forbidden(session, `${what} (réservé aux administrateurs)`);
}

export function requireContract(session: Session, contractId: string | undefined, what: string): void {
  if (!isAdmin(session) && !coordinates(session, contractId)) {
    forbidden(session, `${what} (réservé à la coordination de ce contrat)`);
  }
}

/** A new contract: administrators and coordinators (the domain's rule); the drafter then coordinates it. */
export function requireDrafting(session: Session, what: string): void {
  if (!mayDraftContract(session.grants)) {
    forbidden(
      session,
      `${what} (réservé aux administrateurs et aux coordinateur·rices qu’ils ont invité·es)`,
    );
  }
}

/** The directory of offers: any contract's coordination keeps it up to date (offers serve every territory). */
export function requireCoordination(session: Session, what: string): void {
  const coordinator = session.grants.some((grant) => grant.role === 'coordinator');
  if (!isAdmin(session) && !coordinator)
    forbidden(session, `${what} (réservé à la coordination d’un contrat)`);
}

/** An aggregate attached to a contract (action, convention, meeting, evaluation): its contract's coordination. */
export async function requireContractOf(
  ctx: ApiContext & { session: Session },
  stream: string,
  what: string,
) {
  if (isAdmin(ctx.session)) return;
  requireContract(ctx.session, await ctx.contractOf(stream), what);
}

/**
 * The work of an annual evaluation — answering annex 4's questions, proposing a
 * result's score: its contract's coordination and its contract's evaluators. Opening
 * and publishing stay with the coordination (`requireContract`/`requireContractOf`).
 */
export async function requireEvaluationWork(
  ctx: ApiContext & { session: Session },
  evaluationId: string,
  what: string,
): Promise<void> {
  if (isAdmin(ctx.session)) return;
  const contractId = await ctx.contractOf(`evaluation-${evaluationId}`);
  if (coordinates(ctx.session, contractId) || evaluates(ctx.session, contractId)) return;
  forbidden(ctx.session, `${what} (réservé à la coordination et aux évaluateur·rices de ce contrat)`);
}

export async function requireAction(
  ctx: ApiContext & { session: Session },
  actionId: string,
  what: string,
  options: { pilotAllowed: boolean },
): Promise<void> {
  if (isAdmin(ctx.session) || (options.pilotAllowed && pilots(ctx.session, actionId))) return;
  if (coordinates(ctx.session, await ctx.contractOf(`action-${actionId}`))) return;
  forbidden(
    ctx.session,
    `${what} (réservé ${options.pilotAllowed ? 'au pilote de l’action ou ' : ''}à la coordination du contrat)`,
  );
}

/**
 * What a pilot may do on the actions they pilot: run them (start, report, produce,
 * measure, complete, suspend), not plan, change nor abandon them. The one list: the
 * action router authorises by it, and the app shows a pilot only these forms.
 */
export const PILOT_ACTION_COMMANDS = [
  'StartAction',
  'ReportProgress',
  'ProduceDeliverable',
  'MeasureIndicator',
  'CompleteAction',
  'SuspendAction',
] as const satisfies readonly CommandType[];

export const pilotMay = (type: CommandType): boolean =>
  PILOT_ACTION_COMMANDS.some((allowed) => allowed === type);

/**
 * Every command about an action: those sent to its stream, and linking an offer to
 * it (the offer's stream, authorised by the action's contract's coordination).
 */
const ACTION_COMMANDS: CommandType[] = [
  ...(Object.keys(AGGREGATE_OF_COMMAND) as CommandType[]).filter(
    (type) => AGGREGATE_OF_COMMAND[type].category === 'action',
  ),
  'LinkOfferToAction',
];

/**
 * The commands on this action this session may send, as requireAction decides
 * them: all for admins and the contract's coordination, the pilot's list for its
 * pilot, none otherwise (auditors, other pilots).
 */
export async function actionCommandsAllowed(
  ctx: ApiContext & { session: Session },
  actionId: string,
): Promise<CommandType[]> {
  if (isAdmin(ctx.session) || coordinates(ctx.session, await ctx.contractOf(`action-${actionId}`)))
    return ACTION_COMMANDS;
  return pilots(ctx.session, actionId) ? [...PILOT_ACTION_COMMANDS] : [];
}
