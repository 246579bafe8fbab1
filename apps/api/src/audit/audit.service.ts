import {
  type ApiContext,
  type AuditEvent,
  actorNames,
  type Integrity,
  type PublicationCheck,
  type ReportInput,
  type TimeAxis,
  type TimelineFilter,
} from '@cls/api';
import { ReportInputSchema, TimelineFilterSchema } from '@cls/api/schemas';
import {
  type Attestation,
  contractAsOf,
  diffSnapshots,
  type EvaluationReport,
  endOfDay,
  evaluationReport,
  eventsBetween,
  publishedReportOptions,
  reportContentHash,
} from '@cls/audit';
import {
  DECIDER_OF_CATEGORY,
  EVALUATION_EVENT_TYPES,
  type EvaluationSeal,
  evaluationDecider,
  fold,
  isEventOf,
} from '@cls/domain';
import { type EventSearch, type EventStore, type RecordedEvent, type TimeRange } from '@cls/event-store';
import type { Pool } from '@cls/postgres';
import { ALL_PROJECTIONS, AuditStreams, type ReadModelQueries, replayCheck } from '@cls/projections';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PG_POOL } from '../database/database.module.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { PersonalDataVault } from '../personal-data/vault.js';
import { READ_MODELS } from '../projections/projections.module.js';
import { EVENT_SEARCH } from './log-index-keeper.js';
import { SignedHeads } from './signed-heads.js';

type AuditAnswers = ApiContext['audit'];

const eventOfRecord = (
  event: RecordedEvent,
  contractId: string | null,
  nameOf: (actorId: string) => string,
): AuditEvent => ({
  position: event.position,
  stream: event.stream,
  revision: event.revision,
  type: event.type,
  contractId,
  actor: { ...event.metadata.actor, name: nameOf(event.metadata.actor.id) },
  commandId: event.metadata.commandId,
  correlationId: event.metadata.correlationId,
  causationId: event.metadata.causationId,
  occurredAt: event.metadata.occurredAt,
  recordedAt: event.metadata.recordedAt,
  data: event.data,
  hash: event.metadata.hash,
  prevHash: event.metadata.prevHash,
});

/** Inclusive days (YYYY-MM-DD, UTC like every date of the audit) as instants: midnight of `from` to midnight after `to`. */
const daysAsRange = (from: string | undefined, to: string | undefined): TimeRange => ({
  ...(from ? { from: new Date(`${from}T00:00:00.000Z`) } : {}),
  ...(to ? { until: new Date(endOfDay(to) + 1) } : {}),
});

/**
 * The audit's answers from the log: the timeline and causal chains (searched in
 * the log, each event with the contract of its stream from the audit_streams
 * read model), a stream with the state after each event (from the store, folded
 * by its decider), the integrity of the hash chains (checked
 * at start-up, on demand and before every export or report, against every head
 * signed before, and the log's head signed when it holds) and the replay check
 * of every read model.
 */
@Injectable()
export class AuditService implements AuditAnswers, OnApplicationBootstrap {
  private readonly logger = new Logger('Audit');
  private readonly auditStreams: AuditStreams;
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
    /** The log's filtered reads: the PostgreSQL log itself, or the index kept of a KurrentDB log. */
    @Inject(EVENT_SEARCH) private readonly log: EventSearch,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(READ_MODELS) private readonly queries: ReadModelQueries,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
    @Inject(SignedHeads) private readonly signedHeads: SignedHeads,
  ) {
    this.auditStreams = new AuditStreams(pool);
  }

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

  /** Who each account is, by name (« personne effacée » once erased): the log keeps ids only. */
  private async actorNameOf(): Promise<(actorId: string) => string> {
    return actorNames(await this.vault.openPeople(await this.queries.users()));
  }

  /** Events as the timeline shows them: each with the contract of its stream, names opened, actors named. */
  private async shown(events: RecordedEvent[]): Promise<AuditEvent[]> {
    const [contracts, nameOf] = await Promise.all([
      this.auditStreams.contractsOf([...new Set(events.map((event) => event.stream))]),
      this.actorNameOf(),
    ]);
    return this.opened(
      events.map((event) => eventOfRecord(event, contracts.get(event.stream) ?? null, nameOf)),
    );
  }

  async timeline(filter: TimelineFilter) {
    const { contractId, category, type, actorId, time, from, to, before, limit } =
      TimelineFilterSchema.parse(filter);
    const events = await this.log.searchEvents({
      ...(contractId ? { streams: await this.auditStreams.ofContract(contractId) } : {}),
      ...(category ? { category } : {}),
      ...(type ? { type } : {}),
      ...(actorId ? { actorId } : {}),
      [time === 'recorded' ? 'recordedAt' : 'occurredAt']: daysAsRange(from, to),
      ...(before ? { beforePosition: before } : {}),
      direction: 'backwards',
      limit: limit + 1,
    });
    const page = await this.shown(events.slice(0, limit));
    return { events: page, nextBefore: events.length > limit ? (page.at(-1)?.position ?? null) : null };
  }

  async facets() {
    const [contracts, facets] = await Promise.all([this.queries.contracts(), this.log.eventFacets()]);
    // Accounts by their names (the log keeps ids only).
    const nameOf = await this.actorNameOf();
    return {
      contracts: contracts.map((contract) => ({ id: contract.contractId, name: contract.name })),
      categories: facets.categories,
      types: facets.types,
      actors: facets.actors.map((actor) => ({ ...actor, name: nameOf(actor.id) })),
    };
  }

  async events(positions: number[]) {
    return this.shown(await this.log.searchEvents({ positions, limit: positions.length }));
  }

  async chain(position: number) {
    const [found] = await this.log.searchEvents({ positions: [position], limit: 1 });
    if (!found) return undefined;
    const { commandId, correlationId, causationId } = found.metadata;
    const [event] = await this.shown([found]);
    if (!event) return undefined;
    const correlated = correlationId ? await this.log.searchEvents({ correlationId, limit: 1000 }) : [found];
    const causes =
      causationId && causationId !== commandId
        ? await this.log.searchEvents({ commandId: causationId, limit: 1000 })
        : [];
    return { event, correlated: await this.shown(correlated), causes: await this.shown(causes) };
  }

  async stream(stream: string) {
    const events = await this.opened(await this.store.readStream(stream));
    if (events.length === 0) return undefined;
    const decider = DECIDER_OF_CATEGORY.get(stream.slice(0, stream.indexOf('-')));
    const owner = (await this.auditStreams.contractsOf([stream])).get(stream) ?? null;
    const nameOf = await this.actorNameOf();
    let state = decider?.initialState();
    return {
      stream,
      events: events.map((event) => {
        state = decider ? decider.evolve(state, event) : undefined;
        // The state as JSON would print it: what the auditor reads.
        return {
          ...eventOfRecord(event, owner, nameOf),
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
    const streams = await this.auditStreams.ofContract(contractId);
    const events: RecordedEvent[] = [];
    // A few streams at a time: a contract may have hundreds.
    for (let index = 0; index < streams.length; index += 16) {
      const batch = streams.slice(index, index + 16);
      for (const read of await Promise.all(batch.map((stream) => this.store.readStream(stream)))) {
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
    const nameOf = await this.actorNameOf();
    const between = eventsBetween(events, contractId, from, to, time).map((event) =>
      eventOfRecord(event, contractId, nameOf),
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

  /** The evaluation as its stream says: its contract, year, publication and seal. */
  private async evaluationOf(evaluationId: string) {
    const events = await this.store.readStream(`evaluation-${evaluationId}`);
    const domain = events.filter((event) => isEventOf(event, EVALUATION_EVENT_TYPES));
    const state = fold(evaluationDecider, domain);
    return state.exists ? state : undefined;
  }

  /**
   * The seal of a publication about to be recorded: the hash of the year's report as the
   * log knows it today (record clock, closed today), the last position of the contract's
   * events it was made of, signed with the log's key.
   */
  async sealPublication(evaluationId: string): Promise<EvaluationSeal | undefined> {
    const evaluation = await this.evaluationOf(evaluationId);
    if (!evaluation || evaluation.status === 'published') return undefined;
    const events = await this.contractEvents(evaluation.contractId);
    const closingDate = new Date().toISOString().slice(0, 10);
    const report = evaluationReport(
      events,
      publishedReportOptions(evaluation.contractId, evaluation.year, closingDate),
    );
    if (!report) return undefined;
    const coversPosition = events.at(-1)?.position ?? 0;
    const { contentHash, keyId, signature } = this.signedHeads.signPublication({
      evaluationId,
      coversPosition,
      contentHash: reportContentHash(report),
    });
    return { contentHash, coversPosition, closingDate, keyId, signature };
  }

  /** A published evaluation re-checked: its report re-derived from the log up to the position its seal covers. */
  async publication(evaluationId: string): Promise<PublicationCheck | undefined> {
    const evaluation = await this.evaluationOf(evaluationId);
    if (!evaluation) return undefined;
    const { contractId, year } = evaluation;
    const base = { evaluationId, contractId, year, publishedOn: evaluation.publishedOn ?? null };
    const seal = evaluation.seal;
    if (!seal) {
      return {
        ...base,
        seal: null,
        recomputedHash: null,
        signature: null,
        intact: false,
        verdict:
          evaluation.status === 'published'
            ? 'Publication sans empreinte (antérieure au scellement des rapports publiés) : rien à comparer'
            : 'Évaluation non publiée : aucun rapport publié à vérifier',
      };
    }
    const events = (await this.contractEvents(contractId)).filter(
      (event) => event.position <= seal.coversPosition,
    );
    const report = evaluationReport(events, publishedReportOptions(contractId, year, seal.closingDate));
    const recomputedHash = report ? reportContentHash(report) : null;
    const signature = this.signedHeads.checkPublication({ evaluationId, ...seal });
    const sameHash = recomputedHash === seal.contentHash;
    const intact = sameHash && signature === 'valid';
    return {
      ...base,
      seal,
      recomputedHash,
      signature,
      intact,
      verdict: intact
        ? 'Rapport publié intact'
        : !sameHash
          ? `Rapport publié altéré : le journal rejoué jusqu’à la position ${seal.coversPosition} ne redonne pas l’empreinte publiée`
          : signature === 'unknown-key'
            ? 'Signature d’une autre clé que celle de la plateforme : à vérifier avec sa clé publique'
            : 'Signature de la publication invalide : l’empreinte ou la signature a été modifiée',
    };
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
