import type { ApiContext, AuditEvent, Integrity, ReportInput, TimeAxis, TimelineFilter } from '@cls/api';
import { ReportInputSchema, TimelineFilterSchema } from '@cls/api/schemas';
import {
  type Attestation,
  contractAsOf,
  diffSnapshots,
  type EvaluationReport,
  evaluationReport,
  eventsBetween,
} from '@cls/audit';
import { DECIDER_OF_CATEGORY } from '@cls/domain';
import type { EventStore, RecordedEvent } from '@cls/event-store';
import type { Pool } from '@cls/postgres';
import { ALL_PROJECTIONS, liveSchema, type ReadModelQueries, replayCheck } from '@cls/projections';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PG_POOL } from '../database/database.module.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { PersonalDataVault } from '../personal-data/vault.js';
import { READ_MODELS } from '../projections/projections.module.js';
import { SignedHeads } from './signed-heads.js';

type AuditAnswers = ApiContext['audit'];

type TimelineRow = {
  position: string;
  stream: string;
  revision: number;
  type: string;
  contract_id: string | null;
  actor_id: string;
  actor_role: string;
  command_id: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  occurred_at: Date;
  recorded_at: Date;
  data: unknown;
  hash: string;
  prev_hash: string;
};

const eventOfRow = (row: TimelineRow): AuditEvent => ({
  position: Number(row.position),
  stream: row.stream,
  revision: row.revision,
  type: row.type,
  contractId: row.contract_id,
  actor: { id: row.actor_id, role: row.actor_role },
  commandId: row.command_id,
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  occurredAt: row.occurred_at.toISOString(),
  recordedAt: row.recorded_at.toISOString(),
  data: row.data,
  hash: row.hash,
  prevHash: row.prev_hash,
});

const eventOfRecord = (event: RecordedEvent, contractId: string | null): AuditEvent => ({
  position: event.position,
  stream: event.stream,
  revision: event.revision,
  type: event.type,
  contractId,
  actor: event.metadata.actor,
  commandId: event.metadata.commandId,
  correlationId: event.metadata.correlationId,
  causationId: event.metadata.causationId,
  occurredAt: event.metadata.occurredAt,
  recordedAt: event.metadata.recordedAt,
  data: event.data,
  hash: event.metadata.hash,
  prevHash: event.metadata.prevHash,
});

/**
 * The audit's answers from the log: the timeline and causal chains (from the
 * audit timeline read model), a stream with the state after each event (from
 * the store, folded by its decider), the integrity of the hash chains (checked
 * at start-up, on demand and before every export or report, against every head
 * signed before, and the log's head signed when it holds) and the replay check
 * of every read model.
 */
@Injectable()
export class AuditService implements AuditAnswers, OnApplicationBootstrap {
  private readonly logger = new Logger('Audit');
  private logIsHere = false;
  private lastIntegrity: Integrity = {
    ok: true,
    checkedAt: null,
    events: 0,
    brokenLink: null,
    signedHead: null,
    running: false,
  };
  private verifying: Promise<Integrity> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(READ_MODELS) private readonly queries: ReadModelQueries,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
    @Inject(SignedHeads) private readonly signedHeads: SignedHeads,
  ) {}

  /**
   * Events as an auditor reads them: the names they carry sealed, opened with
   * their subjects' keys (« [donnée effacée] » once erased). The NDJSON export
   * keeps them sealed, as the hashes cover them.
   */
  private opened<Event extends { type: string; data: unknown }>(events: Event[]): Promise<Event[]> {
    return Promise.all(
      events.map(async (event) => ({ ...event, data: await this.vault.openEvent(event.type, event.data) })),
    );
  }

  /** The log is checked once at start-up, in the background. */
  onApplicationBootstrap(): void {
    void this.verify().then(
      (result) => {
        if (!result.ok) this.logger.error(`journal altéré : ${JSON.stringify(result.brokenLink)}`);
      },
      (error: unknown) => this.logger.warn(`vérification d’intégrité reportée : ${String(error)}`),
    );
  }

  /**
   * The log's own table, each event with the contract of its stream (the
   * audit_streams read model). The audit reads the log itself: with a
   * KurrentDB log, this table does not exist and the timeline says so.
   */
  private async logTable(): Promise<string> {
    const streams = await liveSchema(this.pool, 'audit_streams');
    if (!streams) throw new Error('la table des flux par contrat n’est pas encore construite');
    if (!this.logIsHere) {
      const { rows } = await this.pool.query(`SELECT to_regclass('public.events') IS NOT NULL AS here`);
      this.logIsHere = (rows[0] as { here: boolean }).here;
      if (!this.logIsHere)
        throw new Error('la chronologie d’audit lit le journal PostgreSQL : indisponible avec KurrentDB');
    }
    return `(SELECT e.position, e.stream, e.category, e.revision, e.type, s.contract_id, e.actor_id, e.actor_role,
                    e.command_id, e.correlation_id, e.causation_id, e.occurred_at, e.recorded_at, e.data, e.hash,
                    e.prev_hash
               FROM public.events e LEFT JOIN ${streams}.streams s ON s.stream = e.stream) AS events`;
  }

  async timeline(filter: TimelineFilter) {
    const { contractId, category, type, actorId, time, from, to, before, limit } =
      TimelineFilterSchema.parse(filter);
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (sql: string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql.replace('?', `$${parameters.length}`));
    };
    const column = time === 'recorded' ? 'recorded_at' : 'occurred_at';
    if (contractId) where('contract_id = ?', contractId);
    if (category) where('category = ?', category);
    if (type) where('type = ?', type);
    if (actorId) where('actor_id = ?', actorId);
    if (from) where(`${column} >= ?::date`, from);
    if (to) where(`${column} < ?::date + 1`, to);
    if (before) where('position < ?', before);
    parameters.push(limit + 1);
    const { rows } = await this.pool.query<TimelineRow>(
      `SELECT * FROM ${await this.logTable()} ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY position DESC LIMIT $${parameters.length}`,
      parameters,
    );
    const page = await this.opened(rows.slice(0, limit).map(eventOfRow));
    return { events: page, nextBefore: rows.length > limit ? (page.at(-1)?.position ?? null) : null };
  }

  async facets() {
    const events = await this.logTable();
    const [contracts, categories, types, actors] = await Promise.all([
      this.queries.contracts(),
      this.pool.query<{ category: string }>(`SELECT DISTINCT category FROM ${events} ORDER BY 1`),
      this.pool.query<{ type: string }>(`SELECT DISTINCT type FROM ${events} ORDER BY 1`),
      this.pool.query<{ id: string; role: string; events: number }>(
        `SELECT actor_id AS id, max(actor_role) AS role, count(*)::int AS events FROM ${events}
          GROUP BY actor_id ORDER BY count(*) DESC, actor_id`,
      ),
    ]);
    // Accounts by their display names (the log keeps ids only).
    const people = await this.vault.openPeople(await this.queries.users());
    const names = new Map(people.map((user) => [user.userId, user.displayName]));
    return {
      contracts: contracts.map((contract) => ({ id: contract.contractId, name: contract.name })),
      categories: categories.rows.map((row) => row.category),
      types: types.rows.map((row) => row.type),
      actors: actors.rows.map((actor) => ({ ...actor, name: names.get(actor.id) ?? null })),
    };
  }

  async events(positions: number[]) {
    const { rows } = await this.pool.query<TimelineRow>(
      `SELECT * FROM ${await this.logTable()} WHERE position = ANY ($1::bigint[]) ORDER BY position`,
      [positions],
    );
    return this.opened(rows.map(eventOfRow));
  }

  async chain(position: number) {
    const events = await this.logTable();
    const { rows } = await this.pool.query<TimelineRow>(`SELECT * FROM ${events} WHERE position = $1`, [
      position,
    ]);
    const row = rows[0];
    if (!row) return undefined;
    const [event] = await this.opened([eventOfRow(row)]);
    if (!event) return undefined;
    const correlated = event.correlationId
      ? await this.pool.query<TimelineRow>(
          `SELECT * FROM ${events} WHERE correlation_id = $1 ORDER BY position LIMIT 1000`,
          [event.correlationId],
        )
      : { rows: [row] };
    const causes =
      event.causationId && event.causationId !== event.commandId
        ? await this.pool.query<TimelineRow>(
            `SELECT * FROM ${events} WHERE command_id = $1 ORDER BY position LIMIT 1000`,
            [event.causationId],
          )
        : { rows: [] };
    return {
      event,
      correlated: await this.opened(correlated.rows.map(eventOfRow)),
      causes: await this.opened(causes.rows.map(eventOfRow)),
    };
  }

  async stream(stream: string) {
    const events = await this.opened(await this.store.readStream(stream));
    if (events.length === 0) return undefined;
    const decider = DECIDER_OF_CATEGORY.get(stream.slice(0, stream.indexOf('-')));
    const contractId = (events[0]?.data as { contractId?: unknown } | undefined)?.contractId;
    const owner = stream.startsWith('contract-')
      ? stream.slice('contract-'.length)
      : typeof contractId === 'string'
        ? contractId
        : null;
    let state = decider?.initialState();
    return {
      stream,
      events: events.map((event) => {
        state = decider ? decider.evolve(state, event as never) : undefined;
        // The state as JSON would print it: what the auditor reads.
        return {
          ...eventOfRecord(event, owner),
          stateAfter: JSON.parse(JSON.stringify(state ?? null)) as unknown,
        };
      }),
    };
  }

  async integrity(): Promise<Integrity> {
    return { ...this.lastIntegrity, running: this.verifying !== undefined };
  }

  /**
   * Checks every stream's hash chain, the global chain and order, and that the
   * log still passes through every head signed before; then signs the head
   * reached. Nothing is signed over a log that fails: a history rewritten under
   * a signed head, even with every hash re-computed, is never signed anew. One
   * check at a time.
   */
  verify(): Promise<Integrity> {
    this.verifying ??= (async () => {
      try {
        const known = await this.signedHeads.known();
        const result = await this.store.verifyAll({ knownHeads: known.heads });
        const brokenLink = !result.ok
          ? result.brokenLink
          : known.problem && { stream: '', revision: -1, ...known.problem };
        const signedHead =
          !brokenLink && result.ok && result.head ? await this.signedHeads.sign(result.head) : null;
        this.lastIntegrity = {
          ok: !brokenLink,
          checkedAt: new Date().toISOString(),
          events: result.events,
          brokenLink: brokenLink ?? null,
          signedHead,
          running: false,
        };
        return this.lastIntegrity;
      } finally {
        this.verifying = undefined;
      }
    })();
    return this.verifying;
  }

  /**
   * Every event of a contract's streams (its own, its actions, conventions,
   * meetings, evaluations, the offers linked to its actions), read from the log
   * stream by stream, in log order.
   */
  async contractEvents(contractId: string): Promise<RecordedEvent[]> {
    const streams = await liveSchema(this.pool, 'audit_streams');
    if (!streams) throw new Error('la table des flux par contrat n’est pas encore construite');
    const { rows } = await this.pool.query<{ stream: string }>(
      `SELECT stream FROM ${streams}.streams WHERE contract_id = $1 ORDER BY stream`,
      [contractId],
    );
    const events: RecordedEvent[] = [];
    // A few streams at a time: a contract may have hundreds.
    for (let index = 0; index < rows.length; index += 16) {
      const batch = rows.slice(index, index + 16);
      for (const read of await Promise.all(batch.map(({ stream }) => this.store.readStream(stream)))) {
        events.push(...read);
      }
    }
    return this.opened(events.sort((a, b) => a.position - b.position));
  }

  async asOf({ contractId, date, time = 'occurred' }: { contractId: string; date: string; time?: TimeAxis }) {
    return contractAsOf(await this.contractEvents(contractId), contractId, { time, date });
  }

  async diff({
    contractId,
    from,
    to,
    time = 'occurred',
  }: {
    contractId: string;
    from: string;
    to: string;
    time?: TimeAxis;
  }) {
    const events = await this.contractEvents(contractId);
    const before = contractAsOf(events, contractId, { time, date: from });
    const after = contractAsOf(events, contractId, { time, date: to });
    const changes = before && after ? diffSnapshots(before, after) : [];
    const between = eventsBetween(events, contractId, from, to, time).map((event) =>
      eventOfRecord(event, contractId),
    );
    return { changes, events: between };
  }

  /** `upTo`: the report is made of the events at or before this position only. */
  async report(input: ReportInput, upTo = Number.POSITIVE_INFINITY) {
    const { contractId, year, closingDate, time } = ReportInputSchema.parse(input);
    const events = (await this.contractEvents(contractId)).filter((event) => event.position <= upTo);
    return evaluationReport(events, {
      contractId,
      year,
      time,
      ...(closingDate ? { closingDate } : {}),
    });
  }

  /**
   * The log verified now, and the head signed at this check; or, when the log
   * does not verify, why nothing is signed. What exports and reports end with.
   */
  async attestation(): Promise<Attestation> {
    const integrity = await this.verify();
    if (integrity.signedHead) return { signedHead: integrity.signedHead };
    const link = integrity.brokenLink;
    const where = link?.stream ? `flux ${link.stream}, révision ${link.revision}, ` : '';
    return {
      signedHead: null,
      refused: link
        ? `journal altéré, rien n’est signé : ${where}position ${link.position} : ${link.reason}`
        : 'aucune tête signée : le journal n’a pas pu être vérifié',
    };
  }

  /**
   * The annual report from the log verified up to its signed head, with the
   * earliest signed head that covers the events it was made of: the same log,
   * the same head, the same bytes.
   */
  async signedReport(
    input: ReportInput,
  ): Promise<{ report: EvaluationReport; attestation: Attestation } | undefined> {
    const attestation = await this.attestation();
    const report = await this.report(input, attestation.signedHead?.position);
    if (!report || !attestation.signedHead) return report && { report, attestation };
    const covering = await this.signedHeads.covering(report.source.lastPosition ?? 0);
    return { report, attestation: { signedHead: covering ?? attestation.signedHead } };
  }

  /** PEM: printed at start, served at /api/audit/public-key. */
  get publicKey(): string {
    return this.signedHeads.publicKey;
  }

  async replayCheck() {
    const result = await replayCheck(this.store, this.pool, ALL_PROJECTIONS);
    return { checkedAt: new Date().toISOString(), ...result };
  }
}
