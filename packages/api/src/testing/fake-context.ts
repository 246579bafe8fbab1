import type { Session } from '../auth/session.js';
import type { CommandResult } from '../commands/command-result.js';
import type { ApiContext } from '../trpc.js';

/** A context with no host behind it: commands are recorded, not run. */
export function fakeContext(
  session: Session | null,
  options: {
    contracts?: Record<string, string>;
    execute?: (command: { type: string }) => Promise<CommandResult>;
    /** The host's public rate limit: never refuses unless given. */
    spendPublicCall?: () => string | undefined;
    /** The reports' own limit: never refuses unless given. */
    spendReport?: () => string | undefined;
    /** The last position this client's commands reached, and whether the read models reach it. */
    minPosition?: number;
    caughtUp?: boolean;
  } = {},
): ApiContext & { executed: Array<{ type: string }> } {
  const executed: Array<{ type: string }> = [];
  return {
    executed,
    session,
    system: {
      info: async () => ({
        application: 'Plateforme CLS',
        version: '0.0.0',
        environment: 'test',
        startedAt: '2026-11-25T08:00:00.000Z',
        database: { up: true, latencyMs: 1, serverVersion: '18.4' },
        projections: [],
      }),
    },
    auth: {
      login: async () => {
        throw new Error('not in this test');
      },
      logout: async () => {},
      setPassword: async () => {},
      providers: () => ({ oidc: null }),
    },
    commands: {
      beginBatch: async () => 'batch-test',
      async execute(command, { commandId }) {
        executed.push(command);
        return options.execute
          ? options.execute(command)
          : { commandId: commandId ?? 'generated', stream: 'x-1', revision: 0, position: 1, appended: 1 };
      },
    },
    contractOf: async (stream) => options.contracts?.[stream],
    readModels: {
      waitFor: async () => options.caughtUp ?? true,
      queries: {
        contracts: async () => [],
        contractOverview: async () => undefined,
        contractSetup: async () => undefined,
        plan: async () => undefined,
        amendments: async () => [],
        actions: async () => [],
        action: async () => undefined,
        conventions: async () => [],
        meetings: async () => [],
        governanceBodies: async () => [],
        evaluations: async () => [],
        deliverables: async () => [],
        uncataloguedMeasures: async () => [],
        indicatorCatalogue: async () => [],
        means: async () => ({
          fundingLines: [],
          totals: [],
          coordinationTotals: [],
          byFunder: [],
          callsForProjects: [],
          staffTime: [],
          staffTotals: [],
        }),
        users: async () => [],
        offersOfAction: async () => [],
        organisations: async () => [],
        offerReports: async () => [],
        offerReport: async () => undefined,
      },
    },
    offerReports: {
      spend: () => options.spendReport?.(),
      async record(fields) {
        const command = { type: 'ReportOfferError', ...fields };
        executed.push(command);
        return options.execute
          ? options.execute(command)
          : { commandId: 'generated', stream: 'offerReport-1', revision: 0, position: 1, appended: 1 };
      },
    },
    offers: {
      search: async () => ({
        results: [],
        counts: {},
        filterCounts: { openNow: 0, openSaturday: 0, publics: {}, access: {} },
        total: 0,
      }),
      list: async () => ({ items: [], total: 0 }),
      offer: async () => undefined,
      communes: async () => [],
      epcis: async () => [],
      publicContracts: async () => [],
      publicContract: async () => undefined,
      territoryCommunes: () => [],
    },
    audit: {
      timeline: async () => ({ events: [], nextBefore: null }),
      facets: async () => ({ contracts: [], categories: [], types: [], actors: [] }),
      events: async () => [],
      chain: async () => undefined,
      stream: async () => undefined,
      asOf: async () => undefined,
      diff: async () => ({ changes: [], events: [] }),
      report: async () => undefined,
      sealPublication: async () => undefined,
      publication: async () => undefined,
      integrity: async () => ({
        ok: true,
        checkedAt: null,
        events: 0,
        brokenLink: null,
        signedHead: null,
        running: false,
      }),
      verify: async () => ({
        ok: true,
        checkedAt: null,
        events: 0,
        brokenLink: null,
        signedHead: null,
        running: false,
      }),
      replayCheck: async () => ({ checkedAt: '2026-11-25T00:00:00.000Z', position: 0, readModels: [] }),
    },
    minPosition: options.minPosition ?? 0,
    spendPublicCall: options.spendPublicCall ?? (() => undefined),
  };
}

export const sessionWith = (...grants: Session['grants']): Session => ({
  userId: 'u1',
  email: 'u1@exemple.fr',
  displayName: 'Utilisatrice',
  grants,
});
