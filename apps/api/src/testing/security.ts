import { maxHeaderSize } from 'node:http';
import { appRouter } from '@cls/api';
import type { INestApplication } from '@nestjs/common';
import { provisionUser } from '../accounts/provision.js';

/** Every tRPC procedure of the app, by dotted path: a new procedure is covered without editing the tests. */
export function procedures(): Array<{ path: string; kind: 'query' | 'mutation' }> {
  // At run time, a flat record keyed by dotted path (its declared type is the nested one).
  const all = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
  return Object.entries(all)
    .map(([path, procedure]) => ({ path, kind: procedure._def.type as 'query' | 'mutation' }))
    .filter(({ kind }) => kind === 'query' || kind === 'mutation')
    .sort((a, b) => a.path.localeCompare(b.path));
}

export interface RawResponse {
  status: number;
  body: unknown;
  /** The session token the response set, if any ('' when it cleared it). */
  token: string | undefined;
  headers: Headers;
}

export const SESSION_COOKIE = 'cls_session';

/**
 * One tRPC call over HTTP, with an explicit session token (or none): unlike the
 * browser-like client, it never adopts the cookies it is sent back. Node's fetch
 * keeps its connections alive, so thousands of calls share a few sockets.
 */
export async function trpcCall(
  base: string,
  kind: 'query' | 'mutation',
  path: string,
  input: unknown,
  options: { token?: string | undefined; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.token) headers.cookie = `${SESSION_COOKIE}=${encodeURIComponent(options.token)}`;
  const response = await fetchAnswer(
    kind === 'query'
      ? `${base}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
      : `${base}/trpc/${path}`,
    {
      method: kind === 'query' ? 'GET' : 'POST',
      headers,
      ...(kind === 'mutation' ? { body: input === undefined ? '' : JSON.stringify(input) } : {}),
    },
  );
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (431, a proxy's page…): kept as text.
  }
  return { status: response.status, body, token: tokenOf(response), headers: response.headers };
}

/**
 * fetch, as a browser answers a closed connection:
 * - A request whose head is over Node's limit (`http.maxHeaderSize`, with some room for the
 *   headers fetch adds) gets its 431 even when the connection's reset overtook it: Node writes
 *   the 431 and closes the connection at once, the rest of the request unread, and the client
 *   may see the reset first.
 * - A GET whose connection was reset is sent once more, on a new connection: a kept-alive
 *   connection the server closed just as the request went out (a loaded machine stalls the
 *   client's idle timer), which browsers retry for idempotent requests. A second reset throws:
 *   a server that resets the request itself is still caught.
 * Any other reset throws.
 */
export async function fetchAnswer(url: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (!connectionClosed(error)) throw error;
      if (headLength(url, init.headers) > maxHeaderSize - 512) return new Response(null, { status: 431 });
      if (attempt === 1 && (init.method ?? 'GET').toUpperCase() === 'GET') continue;
      throw error;
    }
  }
}

function connectionClosed(error: unknown): boolean {
  const cause = error instanceof TypeError ? error.cause : undefined;
  return (
    cause instanceof Error && 'code' in cause && ['ECONNRESET', 'UND_ERR_SOCKET'].includes(String(cause.code))
  );
}

/** A request head's length, about: its target and the headers given. */
function headLength(url: string, headers: RequestInit['headers']): number {
  const { pathname, search } = new URL(url);
  let length = pathname.length + search.length;
  new Headers(headers).forEach((value, name) => {
    length += name.length + value.length + 4;
  });
  return length;
}

export function tokenOf(response: Response): string | undefined {
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(';');
    const [name, ...value] = (pair ?? '').split('=');
    if (name?.trim() === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

export const PASSWORD = 'un mot de passe assez long';

/** Logs in over HTTP and returns the session token. */
export async function login(base: string, email: string, password = PASSWORD): Promise<string> {
  const response = await trpcCall(base, 'mutation', 'auth.login', { email, password });
  if (response.status !== 200 || !response.token)
    throw new Error(`login ${email}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.token;
}

/** The identifiers of the demo-like data the security tests build. */
export const IDS = {
  contract: 'cls-securite',
  other: 'cls-autre',
  action: 'cls-securite.1.1-A1',
  convention: 'conv-securite',
  meeting: 'copil-securite',
  /** Derived from its contract and year by the command side. */
  evaluation: 'cls-securite.2025',
  offer: 'offre-securite',
  /** In Lodève, the contract's territory: a resident reports an error on it. */
  reportedOffer: 'offre-signalee',
  organisation: 'organisation-securite',
} as const;

/** What `buildData` made whose id the server chose: the resident's report (its queue gives the id). */
export const BUILT = { reportId: 'signalement-inconnu' };

export type Role =
  | 'anonymous'
  | 'pilot'
  | 'otherCoordinator'
  | 'coordinator'
  | 'auditor'
  | 'admin'
  | 'evaluator'
  | 'ars'
  | 'elected';
export const ROLES: Role[] = [
  'anonymous',
  'pilot',
  'otherCoordinator',
  'coordinator',
  'auditor',
  'admin',
  'evaluator',
  'ars',
  'elected',
];

export const ACCOUNTS = [
  { userId: 'admin', grants: [{ role: 'admin' as const }] },
  { userId: 'coordinatrice', grants: [{ role: 'coordinator' as const, contractId: IDS.contract }] },
  { userId: 'coordinateur-autre', grants: [{ role: 'coordinator' as const, contractId: IDS.other }] },
  { userId: 'pilote', grants: [{ role: 'pilot' as const, actionId: IDS.action }] },
  { userId: 'auditrice', grants: [{ role: 'auditor' as const }] },
  { userId: 'visiteuse', grants: [{ role: 'auditor' as const }] },
  { userId: 'evaluatrice', grants: [{ role: 'evaluator' as const, contractId: IDS.contract }] },
  /** The ARS of Hérault: the contract (its territory in 34), not the other one (in 11). */
  { userId: 'ars-herault', grants: [{ role: 'ars' as const, departments: ['34'] }] },
  { userId: 'elue', grants: [{ role: 'elected' as const, contractId: IDS.contract }] },
];

export const EMAIL_OF: Record<Exclude<Role, 'anonymous'>, string> = {
  admin: 'admin@exemple.fr',
  coordinator: 'coordinatrice@exemple.fr',
  otherCoordinator: 'coordinateur-autre@exemple.fr',
  pilot: 'pilote@exemple.fr',
  auditor: 'auditrice@exemple.fr',
  evaluator: 'evaluatrice@exemple.fr',
  ars: 'ars-herault@exemple.fr',
  elected: 'elue@exemple.fr',
};

export async function provisionAccounts(app: INestApplication): Promise<void> {
  for (const account of ACCOUNTS) {
    await provisionUser(app, {
      ...account,
      email: `${account.userId}@exemple.fr`,
      displayName: account.userId,
      password: PASSWORD,
    });
  }
}

/**
 * Two contracts, an action, a convention, a meeting, an evaluation and an offer,
 * built by the admin: what the authorization rules look up (an aggregate's contract).
 */
export async function buildData(base: string, adminToken: string): Promise<void> {
  const { contract, other, action, convention, meeting, offer } = IDS;
  const steps: Array<[string, unknown]> = [
    [
      'contract.draft',
      {
        contractId: contract,
        name: 'CLS sécurité',
        // Lodève: in Hérault (34), the ARS's department.
        territory: { name: 'Territoire', communes: ['Lodève'], communeCodes: ['34142'] },
        period: PERIOD,
      },
    ],
    [
      'contract.draft',
      {
        contractId: other,
        name: 'CLS voisin',
        // Carcassonne: in Aude (11), outside the ARS's scope.
        territory: { name: 'Voisin', communes: ['Carcassonne'], communeCodes: ['11069'] },
        period: PERIOD,
      },
    ],
    ['contract.defineAxis', { contractId: contract, code: '1', title: 'Accès aux soins' }],
    ['contract.defineFicheAction', { contractId: contract, axisCode: '1', code: '1.1', title: 'Installer' }],
    [
      'action.plan',
      {
        actionId: action,
        contractId: contract,
        ficheCode: '1.1',
        code: '1.1-A1',
        title: 'Accueillir les internes',
        pilots: ['CPTS'],
        plannedYears: { years: [2025], uncertain: false },
        plannedDeliverables: [{ deliverableId: 'L1', title: 'Guide' }],
      },
    ],
    [
      'convention.draft',
      {
        conventionId: convention,
        contractId: contract,
        title: 'Convention',
        kind: 'convention',
        parties: PARTIES,
      },
    ],
    ['contract.defineGovernanceBody', { contractId: contract, body: 'COPIL', meetingsPerYear: 2 }],
    [
      'meeting.schedule',
      { meetingId: meeting, contractId: contract, body: 'COPIL', title: 'COPIL', scheduledOn: '2025-06-01' },
    ],
    ['evaluation.open', { contractId: contract, year: 2025 }],
    ['offer.register', { ...OFFER, offerId: offer }],
    [
      'offer.register',
      {
        ...OFFER,
        offerId: IDS.reportedOffer,
        name: 'Maison de santé de Lodève',
        address: {
          line: '2 place de la mairie',
          postcode: '34700',
          communeInsee: '34142',
          communeName: 'Lodève',
        },
        position: { lon: 3.3057, lat: 43.7306 },
      },
    ],
    ['organisation.register', { organisationId: IDS.organisation, name: 'ARS Occitanie', kind: 'ars' }],
  ];
  for (const [path, input] of steps) {
    const response = await trpcCall(base, 'mutation', path, input, { token: adminToken });
    if (response.status !== 200)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  // A resident's report on the offer in Lodève, once the portal shows that offer; then its id, from the queue.
  await until(
    async () => (await trpcCall(base, 'query', 'portal.offer', { id: IDS.reportedOffer })).status === 200,
  );
  const reported = await trpcCall(base, 'mutation', 'portal.reportOfferError', {
    offerId: IDS.reportedOffer,
    topic: 'telephone',
    message: 'Le numéro ne répond plus',
  });
  if (reported.status !== 200)
    throw new Error(`portal.reportOfferError: ${reported.status} ${JSON.stringify(reported.body)}`);
  await until(async () => {
    const queue = await trpcCall(base, 'query', 'reports.queue', undefined, { token: adminToken });
    const [report] = (queue.body as { result?: { data?: Array<{ reportId: string }> } }).result?.data ?? [];
    if (report) BUILT.reportId = report.reportId;
    return report !== undefined;
  });
}

/** Waits until `done` answers true (the read models catch up with the log), 10 s at most. */
async function until(done: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 100; tries++) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the read models did not catch up within 10 s');
}

const PERIOD = { start: 2024, end: 2029 };
const PARTIES = ['ARS Occitanie', 'Communauté de communes'];
const OFFER = {
  kind: 'msp',
  name: 'Maison de santé',
  address: { line: '1 rue de la Paix', postcode: '34000', communeInsee: '34172', communeName: 'Montpellier' },
  position: { lon: 3.87, lat: 43.61 },
  source: 'manual',
  verifiedOn: '2025-01-10',
};

/**
 * A well-formed input for every procedure, aimed at the data built by
 * `buildData` (so that authorization, not validation, decides). Procedures
 * without an input are absent. Inputs that create something use fresh ids.
 */
export function validInputs(suffix = ''): Record<string, unknown> {
  const { contract, action, convention, meeting, evaluation, offer } = IDS;
  return {
    'audit.asOf': { contractId: contract, date: '2025-12-31' },
    'audit.chain': { position: 1 },
    'audit.events': { positions: [1, 2] },
    'audit.diff': { contractId: contract, from: '2024-01-01', to: '2025-12-31' },
    'audit.report': { contractId: contract, year: 2025 },
    'audit.publication': { evaluationId: evaluation },
    'audit.stream': { stream: `contract-${contract}` },
    'audit.timeline': { contractId: contract },
    'auth.login': { email: 'visiteuse@exemple.fr', password: PASSWORD },
    'board.action': { actionId: action },
    'board.actionCommands': { actionId: action },
    'batch.begin': { label: 'Import CSV' },
    'board.actions': { contractId: contract },
    'board.contractSetup': { contractId: contract },
    'board.conventions': { contractId: contract },
    'board.deliverables': { contractId: contract },
    'board.governanceBodies': { contractId: contract },
    'board.evaluations': { contractId: contract },
    'board.uncataloguedMeasures': { contractId: contract },
    'board.indicatorCatalogue': { contractId: contract },
    'board.means': { contractId: contract },
    'board.meetings': { contractId: contract },
    'board.offer': { id: offer },
    'board.offers': { search: 'santé' },
    'board.organisations': { query: 'ars' },
    'board.overview': { contractId: contract },
    'board.plan': { contractId: contract },
    'board.amendments': { contractId: contract },
    'board.amendment': { contractId: contract, amendmentId: 'avenant-x' },
    'contract.amend': { contractId: contract, amendedOn: '2025-02-01', summary: 'Avenant n°1' },
    'contract.close': { contractId: contract, closedOn: '2029-12-31' },
    'contract.defineAxis': { contractId: contract, code: `2${suffix}`, title: 'Prévention' },
    'contract.updateDraft': { contractId: contract, name: `CLS corrigé${suffix}` },
    'contract.defineGovernanceBody': { contractId: contract, body: `Comité technique${suffix}` },
    'contract.updateGovernanceBody': {
      contractId: contract,
      body: 'COPIL',
      role: 'Pilotage',
      meetingsPerYear: 1,
    },
    'contract.defineFicheAction': {
      contractId: contract,
      axisCode: '1',
      code: `1.2${suffix}`,
      title: 'Fiche',
    },
    'contract.draft': {
      contractId: `cls-nouveau${suffix}`,
      name: 'Nouveau CLS',
      territory: { name: 'Ailleurs' },
      period: PERIOD,
    },
    'contract.sign': { contractId: contract, signedOn: '2024-03-15', signatories: [{ organisation: 'ARS' }] },
    'contract.updateAxis': { contractId: contract, code: '1', title: 'Accès aux soins de proximité' },
    'contract.withdrawAxis': { contractId: contract, code: '9', reason: 'Fusionné' },
    'contract.updateFicheAction': { contractId: contract, code: '1.1', context: 'Peu de médecins' },
    'contract.moveFicheAction': { contractId: contract, code: '1.1', toAxisCode: '9' },
    'contract.withdrawFicheAction': { contractId: contract, code: '9.9', reason: 'Doublon' },
    'contract.reorderPlan': { contractId: contract, level: 'axes', order: ['1'] },
    'contract.reportFicheProgress': {
      contractId: contract,
      code: '1.1',
      reportedOn: '2025-06-01',
      status: 'in_progress',
    },
    'contract.defineIndicator': {
      contractId: contract,
      indicatorId: 'indicateur-securite',
      ficheCode: '1.1',
      label: 'Nombre de personnes accompagnées',
      aggregation: 'sum',
    },
    'contract.updateIndicator': { contractId: contract, indicatorId: 'indicateur-securite', label: 'Nombre' },
    'means.planFundingLine': {
      contractId: contract,
      fundingLineId: `financement${suffix}`,
      funderId: IDS.organisation,
      actionId: action,
      label: 'Subvention de l’action',
      amounts: [{ year: 2025, planned: 12500, committed: 12500, paid: 6000 }],
    },
    'means.updateFundingLine': { contractId: contract, fundingLineId: 'financement-x', label: 'Subvention' },
    'means.recordFundingAmounts': {
      contractId: contract,
      fundingLineId: 'financement-x',
      year: 2025,
      paid: 12500,
    },
    'means.withdrawFundingLine': { contractId: contract, fundingLineId: 'financement-x', reason: 'Doublon' },
    'means.recordCallForProjects': {
      contractId: contract,
      callForProjectsId: `aap${suffix}`,
      funderId: IDS.organisation,
      title: 'Appel à projets prévention',
      openedOn: '2025-02-01',
      closesOn: '2025-03-31',
      actionIds: [action],
    },
    'means.updateCallForProjects': { contractId: contract, callForProjectsId: 'aap-x', outcome: 'funded' },
    'means.recordStaffTime': {
      contractId: contract,
      year: 2025,
      role: `Coordinatrice CLS${suffix}`,
      organisationId: IDS.organisation,
      fte: 0.8,
    },
    'contract.draftAmendment': {
      contractId: contract,
      amendmentId: `avenant${suffix}`,
      title: 'Avenant n°1',
      changes: [{ type: 'UpdateAxis', code: '1', title: 'Accès aux soins' }],
    },
    'contract.editAmendmentDraft': { contractId: contract, amendmentId: 'avenant-x', title: 'Avenant' },
    'contract.withdrawAmendmentDraft': { contractId: contract, amendmentId: 'avenant-x' },
    'contract.signAmendment': {
      contractId: contract,
      amendmentId: 'avenant-x',
      party: 'ARS',
      signedOn: '2025-02-01',
    },
    'action.abandon': { actionId: action, abandonedOn: '2025-09-01', reason: 'Plus de financement' },
    'action.complete': { actionId: action, completedOn: '2025-12-01' },
    'action.measureIndicator': {
      actionId: action,
      indicator: 'Internes accueillis',
      value: 4,
      period: { year: 2025 },
      measuredOn: '2025-06-30',
    },
    'action.plan': {
      actionId: `${contract}.1.1-A9${suffix}`,
      contractId: contract,
      ficheCode: '1.1',
      code: `1.1-A9${suffix}`,
      title: 'Autre action',
      pilots: [],
      plannedYears: { years: [2026], uncertain: true },
    },
    'action.produceDeliverable': {
      actionId: action,
      deliverableId: 'L1',
      title: 'Guide',
      producedOn: '2025-05-01',
    },
    'action.reportProgress': { actionId: action, reportedOn: '2025-04-01', progress: 'on_track' },
    'action.start': { actionId: action, startedOn: '2025-01-06' },
    'action.suspend': { actionId: action, suspendedOn: '2025-07-01', reason: 'Congés' },
    'action.update': { actionId: action, plannedYears: { years: [2035], uncertain: false } },
    'action.move': { actionId: action, toFicheCode: '9.9' },
    'action.withdraw': { actionId: action, reason: 'Doublon' },
    'convention.amend': { conventionId: convention, amendedOn: '2025-03-01', summary: 'Avenant' },
    'convention.draft': {
      conventionId: `conv-nouvelle${suffix}`,
      contractId: contract,
      title: 'Feuille de route',
      kind: 'feuille_de_route',
      parties: PARTIES,
    },
    'convention.sign': { conventionId: convention, party: 'ARS Occitanie', signedOn: '2025-02-01' },
    'convention.terminate': { conventionId: convention, terminatedOn: '2026-01-01', reason: 'Fin' },
    'evaluation.open': { contractId: contract, year: 2026 },
    'evaluation.answer': {
      evaluationId: evaluation,
      questionKey: '7.1',
      answer: 'Les acteurs de la politique de la ville siègent au COPIL',
    },
    'evaluation.publish': { evaluationId: evaluation, publishedOn: '2026-03-01' },
    'evaluation.score': {
      evaluationId: evaluation,
      resultId: 'r1',
      question: 'Les internes restent-ils ?',
      indicator: 'Installations',
      score: '+',
      evidence: 'Deux installations',
    },
    'meeting.cancel': { meetingId: meeting, reason: 'Quorum non atteint' },
    'meeting.followUpDecision': {
      meetingId: meeting,
      decisionId: 'd1',
      status: 'in_progress',
      on: '2025-06-02',
      comment: 'Lancé',
    },
    'meeting.recordHeld': {
      meetingId: `copil-tenu${suffix}`,
      contractId: contract,
      body: 'COPIL',
      title: 'COPIL tenu',
      heldOn: '2025-03-01',
      attendees: [{ name: 'Élue' }],
      decisions: [{ text: 'Relancer', owner: 'ARS Occitanie', dueOn: '2025-04-01' }],
    },
    'meeting.hold': { meetingId: meeting, heldOn: '2025-06-01', attendees: [{ name: 'Élue' }] },
    'meeting.schedule': {
      meetingId: `copil-nouveau${suffix}`,
      contractId: contract,
      body: 'COPIL',
      title: 'COPIL 2026',
      scheduledOn: '2026-06-01',
    },
    'offer.close': { offerId: offer, closedOn: '2026-01-01' },
    'offer.declareCoverage': { offerId: offer, communes: ['34172'], declaredOn: '2025-01-10' },
    'offer.linkToAction': { offerId: offer, actionId: action, contractId: contract },
    'offer.register': { ...OFFER, offerId: `offre-nouvelle${suffix}` },
    'offer.update': { offerId: offer, changes: { name: 'MSP du centre' }, verifiedOn: '2025-02-10' },
    'offer.verify': { offerId: offer, verifiedOn: '2025-03-10' },
    'organisation.register': {
      organisationId: `organisation-nouvelle${suffix}`,
      name: 'Association nouvelle',
      kind: 'association',
    },
    'organisation.update': { organisationId: IDS.organisation, changes: { name: 'ARS d’Occitanie' } },
    'portal.communes': { q: 'Montp' },
    'portal.epcis': { q: 'Lodévois' },
    'portal.contract': { contractId: contract },
    'portal.offer': { id: offer },
    'portal.search': { kinds: ['msp'] },
    'portal.reportOfferError': {
      offerId: IDS.reportedOffer,
      topic: 'horaires',
      message: 'Fermé le samedi',
      contact: 'habitante@exemple.fr',
      siteWeb: '',
    },
    'reports.queue': { offerId: IDS.reportedOffer },
    'reports.dismiss': {
      reportId: BUILT.reportId,
      reason: 'Les horaires sont les bons',
      dismissedOn: '2025-03-10',
    },
    'reports.resolve': { reportId: BUILT.reportId, resolvedOn: '2025-03-10' },
    'user.erase': { userId: `invitee${suffix}`, erasedOn: '2025-03-10' },
    'user.grantRole': { userId: `invitee${suffix}`, role: 'auditor' },
    'user.invite': {
      userId: `invitee${suffix}`,
      email: `invitee${suffix}@exemple.fr`,
      displayName: 'Invitée',
    },
    'user.revokeRole': { userId: `invitee${suffix}`, role: 'auditor' },
    // The admin confirms with their own password (their session may be older than 5 minutes by then).
    'user.setPassword': { userId: 'visiteuse', password: PASSWORD, currentPassword: PASSWORD },
  };
}
