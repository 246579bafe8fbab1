import { createPool, type Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildData,
  EMAIL_OF,
  IDS,
  login,
  PASSWORD,
  procedures,
  provisionAccounts,
  ROLES,
  type Role,
  SESSION_COOKIE,
  trpcCall,
  validInputs,
} from './testing/security.js';
import { startTestApp } from './testing/test-app.js';

type Expected = 'allow' | 'deny';
const Y: Expected = 'allow';
const N: Expected = 'deny';
/** Columns, in the order of ROLES. */
type Row = readonly [
  anonymous: Expected,
  pilotOfTheAction: Expected,
  coordinatorOfAnotherContract: Expected,
  coordinatorOfTheContract: Expected,
  auditor: Expected,
  admin: Expected,
  evaluatorOfTheContract: Expected,
  arsOfTheContractsDepartment: Expected,
  electedOfTheContract: Expected,
];

// Written from packages/api/src/auth/permissions.ts and the routers' rules, not from running the code.
//                                        anon pilot other coord audit admin eval ars elected
const everyone: Row /*                 */ = [Y, Y, Y, Y, Y, Y, Y, Y, Y];
const signedIn: Row /*                 */ = [N, Y, Y, Y, Y, Y, Y, Y, Y];
/**
 * Reads of a contract: admins and auditors all, coordinators and evaluators theirs, pilots their
 * action's contract, the ARS those of its departments, an elected official theirs.
 */
const contractReaders: Row /*          */ = [N, Y, N, Y, Y, Y, Y, Y, Y];
/** Commands on the contract and what hangs from it: its coordination and admins. */
const coordination: Row /*             */ = [N, N, N, Y, N, Y, N, N, N];
/** An evaluation's answers and proposed scores: its coordination and its contract's evaluators. */
const evaluationWork: Row /*           */ = [N, N, N, Y, N, Y, Y, N, N];
/** An action's life: its pilot too (not planning nor abandoning it). */
const pilotOrCoordination: Row /*      */ = [N, Y, N, Y, N, Y, N, N, N];
/** The directory of offers: any contract's coordination. */
const anyCoordination: Row /*          */ = [N, N, Y, Y, N, Y, N, N, N];
const adminOnly: Row /*                */ = [N, N, N, N, N, Y, N, N, N];
/** The audit: auditors and admins (verify and replay check append nothing). */
const auditors: Row /*                 */ = [N, N, N, N, Y, Y, N, N, N];
/** A contract's audit (as of, diff, annual report): the ARS too, on the contracts of its departments. */
const contractAuditors: Row /*         */ = [N, N, N, N, Y, Y, N, Y, N];

const MATRIX: Record<string, Row> = {
  'action.abandon': coordination,
  'action.complete': pilotOrCoordination,
  'action.measureIndicator': pilotOrCoordination,
  'action.plan': coordination,
  'action.produceDeliverable': pilotOrCoordination,
  'action.reportProgress': pilotOrCoordination,
  'action.start': pilotOrCoordination,
  'action.suspend': pilotOrCoordination,
  'action.update': coordination,
  'action.move': coordination,
  'action.withdraw': coordination,
  'audit.asOf': contractAuditors,
  'audit.chain': auditors,
  'audit.diff': contractAuditors,
  'audit.events': auditors,
  'audit.facets': auditors,
  'audit.integrity': auditors,
  'audit.replayCheck': auditors,
  'audit.report': contractAuditors,
  'audit.publication': auditors,
  'audit.stream': auditors,
  'audit.timeline': auditors,
  'audit.verify': auditors,
  'auth.login': everyone,
  'auth.logout': everyone,
  'auth.me': everyone,
  'auth.providers': everyone,
  'auth.session': signedIn,
  'board.action': contractReaders,
  /** The forms one may submit on an action: an empty list for whoever may submit none. */
  'board.actionCommands': signedIn,
  /** « Mes actions »: the actions one pilots, none for the others. */
  'board.myActions': signedIn,
  'batch.begin': signedIn,
  'board.actions': contractReaders,
  'board.contracts': signedIn,
  /** The portfolio across the contracts one may read (the ARS's, admins' and auditors' view). */
  'board.portfolio': signedIn,
  /** The PRS objectives named by the contracts, with the readable ones serving each. */
  'board.prsObjectives': signedIn,
  'board.contractSetup': contractReaders,
  'board.conventions': contractReaders,
  'board.deliverables': contractReaders,
  'board.evaluations': contractReaders,
  /** Annex 4's questions and results table: the same text for everyone signed in. */
  'board.evaluationReferential': signedIn,
  'board.governanceBodies': contractReaders,
  'board.uncataloguedMeasures': contractReaders,
  'board.indicatorCatalogue': contractReaders,
  'board.means': contractReaders,
  'board.meetings': contractReaders,
  'board.offer': signedIn,
  'board.offers': signedIn,
  'board.organisations': signedIn,
  'board.overview': contractReaders,
  'board.plan': contractReaders,
  'board.amendments': contractReaders,
  'board.amendment': contractReaders,
  'board.users': adminOnly,
  'contract.amend': coordination,
  'contract.close': coordination,
  'contract.defineAxis': coordination,
  'contract.updateDraft': coordination,
  'contract.defineFicheAction': coordination,
  'contract.defineGovernanceBody': coordination,
  'contract.updateGovernanceBody': coordination,
  /** A new contract: admins and coordinators (who then coordinate it). */
  'contract.draft': anyCoordination,
  'contract.sign': coordination,
  'contract.updateAxis': coordination,
  'contract.withdrawAxis': coordination,
  'contract.updateFicheAction': coordination,
  'contract.moveFicheAction': coordination,
  'contract.withdrawFicheAction': coordination,
  'contract.reorderPlan': coordination,
  'contract.reportFicheProgress': coordination,
  'contract.defineIndicator': coordination,
  'contract.updateIndicator': coordination,
  'means.planFundingLine': coordination,
  'means.updateFundingLine': coordination,
  'means.recordFundingAmounts': coordination,
  'means.withdrawFundingLine': coordination,
  'means.recordCallForProjects': coordination,
  'means.updateCallForProjects': coordination,
  'means.recordStaffTime': coordination,
  'contract.draftAmendment': coordination,
  'contract.editAmendmentDraft': coordination,
  'contract.withdrawAmendmentDraft': coordination,
  'contract.signAmendment': coordination,
  'convention.amend': coordination,
  'convention.draft': coordination,
  'convention.sign': coordination,
  'convention.terminate': coordination,
  'evaluation.open': coordination,
  'evaluation.answer': evaluationWork,
  'evaluation.publish': coordination,
  'evaluation.score': evaluationWork,
  'meeting.cancel': coordination,
  'meeting.followUpDecision': coordination,
  'meeting.hold': coordination,
  'meeting.recordHeld': coordination,
  'meeting.schedule': coordination,
  'offer.close': anyCoordination,
  'offer.declareCoverage': anyCoordination,
  'offer.linkToAction': coordination,
  'offer.register': anyCoordination,
  'offer.update': anyCoordination,
  'offer.verify': anyCoordination,
  'organisation.register': anyCoordination,
  'organisation.update': anyCoordination,
  'portal.communes': everyone,
  'portal.contract': everyone,
  'portal.contracts': everyone,
  'portal.epcis': everyone,
  'portal.offer': everyone,
  'portal.search': everyone,
  /** « Signaler une erreur »: no account (its own limit per address answers 429, not a refusal). */
  'portal.reportOfferError': everyone,
  /** The verification queue: any contract's coordination (the reports of its territory; none elsewhere). */
  'reports.queue': anyCoordination,
  /** Handling a report: the coordination of a contract whose territory holds the offer, and admins. */
  'reports.dismiss': coordination,
  'reports.resolve': coordination,
  'system.info': everyone,
  'user.erase': adminOnly,
  'user.grantRole': adminOnly,
  'user.invite': adminOnly,
  'user.revokeRole': adminOnly,
  /** Someone else's password: admins only. */
  'user.setPassword': adminOnly,
};

/** The audit's files (REST). */
const REST_MATRIX: Record<string, Row> = {
  [`/api/audit/report.json?contractId=${IDS.contract}&year=2025`]: auditors,
  [`/api/audit/report.html?contractId=${IDS.contract}&year=2025`]: auditors,
  [`/api/audit/export.ndjson?stream=contract-${IDS.contract}`]: auditors,
  '/api/audit/export.ndjson': auditors,
  /** What verifies the signed heads: public, as a signature is worth only its key. */
  '/api/audit/public-key': everyone,
};

describe('authorization over HTTP: every procedure × every role, sessions, CSRF, brute force, headers', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;
  let pool: Pool;
  const tokens: Partial<Record<Role, string>> = {};
  const countEvents = async () =>
    (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]?.n ?? 0;

  beforeAll(async () => {
    ({ app, base } = await startTestApp(database.url));
    pool = createPool(database.url, { max: 1 });
    await provisionAccounts(app);
    for (const role of ROLES) if (role !== 'anonymous') tokens[role] = await login(base, EMAIL_OF[role]);
    await buildData(base, tokens.admin as string);
  });
  afterAll(async () => {
    await pool?.end();
    await app?.close();
  });

  it('has a row for every procedure of the app', () => {
    const paths = procedures().map(({ path }) => path);
    expect(paths.length).toBeGreaterThan(50);
    // A new procedure fails here until its row says who may call it.
    expect(paths.filter((path) => !MATRIX[path])).toEqual([]);
  });

  it('allows and denies each procedure to each role as the rules say, appending nothing when denied', async () => {
    const inputs = validInputs();
    const kinds = new Map(procedures().map(({ path, kind }) => [path, kind]));
    // Logging out ends the roles' sessions: last.
    const paths = [...kinds.keys()].sort((a, b) => Number(a === 'auth.logout') - Number(b === 'auth.logout'));
    const mismatches: string[] = [];
    let checks = 0;
    for (const path of paths) {
      const row = MATRIX[path];
      if (!row) continue;
      for (const [column, role] of ROLES.entries()) {
        const expected = row[column] as Expected;
        const before = await countEvents();
        const { status, body } = await trpcCall(base, kinds.get(path) ?? 'query', path, inputs[path], {
          token: tokens[role],
        });
        const after = await countEvents();
        checks++;
        const refused = status === 401 || status === 403;
        const what = `${path} as ${role}: ${status} ${JSON.stringify(body).slice(0, 200)}`;
        if (status >= 500) mismatches.push(`server error — ${what}`);
        else if (expected === 'allow' && refused) mismatches.push(`expected allowed — ${what}`);
        else if (expected === 'deny' && status !== (role === 'anonymous' ? 401 : 403))
          mismatches.push(`expected ${role === 'anonymous' ? 401 : 403} — ${what}`);
        if (expected === 'deny' && after !== before) mismatches.push(`appended ${after - before} — ${what}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(checks).toBe(kinds.size * ROLES.length);
    console.info(`authorization matrix: ${checks} procedure × role checks`);
    // The roles logged out at the end: new sessions for the next tests.
    for (const role of ROLES) if (role !== 'anonymous') tokens[role] = await login(base, EMAIL_OF[role]);
    // 1 000+ requests (7 roles and the anonymous, every procedure), one after the other so that an
    // append is the call's: about a minute alone, three or more beside the rest of the suite on two cores.
  }, 600_000);

  it('scopes the ARS to its departments and an elected official to their contract: 403 elsewhere, no command', async () => {
    const reads = [
      'board.overview',
      'board.plan',
      'board.contractSetup',
      'board.actions',
      'board.meetings',
      'board.evaluations',
      'board.indicatorCatalogue',
    ];
    const mismatches: string[] = [];
    for (const role of ['ars', 'elected'] as const) {
      const token = tokens[role];
      for (const path of reads) {
        const own = await trpcCall(base, 'query', path, { contractId: IDS.contract }, { token });
        const other = await trpcCall(base, 'query', path, { contractId: IDS.other }, { token });
        if (own.status !== 200) mismatches.push(`${role} ${path} on its contract: ${own.status}`);
        if (other.status !== 403) mismatches.push(`${role} ${path} on the other contract: ${other.status}`);
        else if (!JSON.stringify(other.body).includes('ne fait pas partie des vôtres'))
          mismatches.push(`${role} ${path}: ${JSON.stringify(other.body).slice(0, 200)}`);
      }
      const listed = await trpcCall(base, 'query', 'board.contracts', undefined, { token });
      const ids = (listed.body as { result: { data: Array<{ contractId: string }> } }).result.data.map(
        (contract) => contract.contractId,
      );
      expect(ids, role).toEqual([IDS.contract]);
      const portfolio = await trpcCall(base, 'query', 'board.portfolio', undefined, { token });
      const rows = (
        portfolio.body as { result: { data: Array<{ contractId: string; departments: string[] }> } }
      ).result.data;
      expect(
        rows.map((row) => [row.contractId, row.departments]),
        role,
      ).toEqual([[IDS.contract, ['34']]]);
    }
    expect(mismatches).toEqual([]);
    // The ARS's audit of a contract outside its departments: refused too.
    const report = await trpcCall(
      base,
      'query',
      'audit.report',
      { contractId: IDS.other, year: 2025 },
      { token: tokens.ars },
    );
    expect(report.status).toBe(403);
    // Both command nothing, and are told why in French, by their role.
    const command = { contractId: IDS.contract, code: '7', title: 'Axe' };
    const ars = await trpcCall(base, 'mutation', 'contract.defineAxis', command, { token: tokens.ars });
    const elected = await trpcCall(base, 'mutation', 'contract.defineAxis', command, {
      token: tokens.elected,
    });
    expect([ars.status, elected.status]).toEqual([403, 403]);
    expect(JSON.stringify(ars.body)).toContain('Rôle ARS : consultation seule, aucune commande possible');
    expect(JSON.stringify(elected.body)).toContain(
      'Rôle élu·e : consultation seule, aucune commande possible',
    );
  });

  it('serves the audit files to auditors and admins only', async () => {
    const mismatches: string[] = [];
    for (const [path, row] of Object.entries(REST_MATRIX)) {
      for (const [column, role] of ROLES.entries()) {
        const token = tokens[role];
        const response = await fetch(`${base}${path}`, {
          headers: token ? { cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}` } : {},
        });
        await response.arrayBuffer();
        const expected = row[column] === 'allow' ? 200 : role === 'anonymous' ? 401 : 403;
        if (response.status !== expected)
          mismatches.push(`${path} as ${role}: ${response.status} ≠ ${expected}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('issues a new session at login: a token planted before login, or held before, is not the session after', async () => {
    const planted = 'jeton-choisi-par-un-attaquant';
    const response = await trpcCall(
      base,
      'mutation',
      'auth.login',
      { email: EMAIL_OF.coordinator, password: PASSWORD },
      { token: planted },
    );
    expect(response.status).toBe(200);
    expect(response.token).toBeTruthy();
    expect(response.token).not.toBe(planted);
    expect((await trpcCall(base, 'query', 'auth.session', undefined, { token: planted })).status).toBe(401);
    expect(
      (await trpcCall(base, 'query', 'auth.session', undefined, { token: response.token })).body,
    ).toMatchObject({ result: { data: { userId: 'coordinatrice' } } });

    // Logging in again while signed in: yet another token.
    const again = await trpcCall(
      base,
      'mutation',
      'auth.login',
      { email: EMAIL_OF.coordinator, password: PASSWORD },
      { token: response.token },
    );
    expect(again.token).toBeTruthy();
    expect(again.token).not.toBe(response.token);

    // Logged out: the token is dead, and the cookie cleared.
    const out = await trpcCall(base, 'mutation', 'auth.logout', undefined, { token: again.token });
    expect(out.status).toBe(200);
    expect(out.token).toBe('');
    expect((await trpcCall(base, 'query', 'auth.session', undefined, { token: again.token })).status).toBe(
      401,
    );

    // The cookie: HttpOnly, SameSite.
    const cookie = response.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('refuses cross-site commands (CSRF) and commands sent as GET, appending nothing', async () => {
    const input = { contractId: IDS.other, code: '9', title: 'Axe forgé' };
    const before = await countEvents();
    const crossSite: Array<Record<string, string>> = [
      { origin: 'https://malveillant.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'null' },
      { origin: 'pas une url' },
    ];
    for (const headers of crossSite) {
      const response = await trpcCall(base, 'mutation', 'contract.defineAxis', input, {
        token: tokens.admin,
        headers,
      });
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
    // The login too: no login CSRF.
    const forgedLogin = await trpcCall(
      base,
      'mutation',
      'auth.login',
      { email: EMAIL_OF.admin, password: PASSWORD },
      { headers: { origin: 'https://malveillant.example' } },
    );
    expect(forgedLogin.status).toBe(403);
    expect(forgedLogin.token).toBeUndefined();
    // A mutation cannot be sent as a GET (links, images).
    const asGet = await fetch(
      `${base}/trpc/contract.defineAxis?input=${encodeURIComponent(JSON.stringify(input))}`,
      { headers: { cookie: `${SESSION_COOKIE}=${encodeURIComponent(tokens.admin as string)}` } },
    );
    await asGet.arrayBuffer();
    expect(asGet.status).toBeGreaterThanOrEqual(400);
    expect(asGet.status).toBeLessThan(500);
    expect(await countEvents()).toBe(before);

    // Same origin, and same-origin fetch metadata: accepted.
    const host = new URL(base).host;
    const sameSite: Array<Record<string, string>> = [
      { origin: `http://${host}` },
      { 'sec-fetch-site': 'same-origin' },
    ];
    for (const headers of sameSite) {
      const response = await trpcCall(
        base,
        'mutation',
        'contract.defineAxis',
        { ...input, code: `9${headers.origin ? 'a' : 'b'}` },
        { token: tokens.admin, headers },
      );
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    }
    expect(await countEvents()).toBe(before + 2);
  });

  it('sends the security headers on pages, API answers and errors; HSTS only over HTTPS', async () => {
    const responses = await Promise.all(
      ['/healthz', '/trpc/system.info', '/trpc/inconnu', '/api/offers.geojson', '/nulle-part'].map((path) =>
        fetch(`${base}${path}`),
      ),
    );
    for (const response of responses) {
      await response.arrayBuffer();
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, response.url).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toMatch(/worker-src [^;]*blob:/);
      expect(csp).toMatch(/img-src [^;]*data:/);
      expect(csp).not.toMatch(/https?:\/\//);
      expect(csp).not.toContain("'unsafe-eval'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('strict-transport-security')).toBeNull();
      expect(response.headers.get('x-powered-by')).toBeNull();
    }

    // The printable report has its own inline <style>: allowed there, and scripts not at all.
    const report = await fetch(`${base}/api/audit/report.html?contractId=${IDS.contract}&year=2025`, {
      headers: { cookie: `${SESSION_COOKIE}=${encodeURIComponent(tokens.auditor as string)}` },
    });
    expect(report.status).toBe(200);
    expect(await report.text()).toContain('<style>');
    const reportCsp = report.headers.get('content-security-policy') ?? '';
    expect(reportCsp).toMatch(/style-src [^;]*'unsafe-inline'/);
    expect(reportCsp).toContain("script-src 'none'");

    // Behind a TLS proxy trusted by the app (req.secure): HSTS.
    const express = app.getHttpAdapter().getInstance() as Express;
    express.set('trust proxy', 'loopback');
    try {
      const secure = await fetch(`${base}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
      await secure.arrayBuffer();
      expect(secure.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}; includeSubDomains$/);
      const plain = await fetch(`${base}/healthz`);
      await plain.arrayBuffer();
      expect(plain.headers.get('strict-transport-security')).toBeNull();
    } finally {
      express.set('trust proxy', false);
    }
  });

  // Last: every test client is 127.0.0.1 (see accounts/login-throttle.int.spec.ts for batches, replicas, parallel guesses).
  it('throttles password guessing with 429 and Retry-After, even for the right password', async () => {
    const guesses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const response = await trpcCall(base, 'mutation', 'auth.login', {
        email: EMAIL_OF.pilot,
        password: `mauvais mot de passe ${attempt}`,
      });
      guesses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(guesses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(guesses.slice(5)).toEqual([429, 429, 429]);
    const right = await trpcCall(base, 'mutation', 'auth.login', {
      email: EMAIL_OF.pilot,
      password: PASSWORD,
    });
    expect(right.status).toBe(429);
    expect(right.token).toBeUndefined();
    // Counted per (email, address): guesses against one account do not lock the others out.
    const other = await trpcCall(base, 'mutation', 'auth.login', {
      email: EMAIL_OF.admin,
      password: PASSWORD,
    });
    expect(other.status).toBe(200);
  });
});
