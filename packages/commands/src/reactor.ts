import { AppendSignal, type EventStore, type RecordedEvent, type Subscription } from '@cls/event-store';

/**
 * What must follow an event, outside the log (an account created on
 * UserInvited, a key destroyed on PersonalDataErased, an e-mail later): run
 * from the log itself, after the append, never as code after an append that a
 * crash could skip.
 */
export interface Reactor {
  /** Names its checkpoint: a new name runs it from the start of the log. */
  readonly name: string;
  /** The event types it reacts to. */
  readonly handles: readonly string[];
  /**
   * Called once per event it handles, in log order, at least once: after a crash
   * it may be called again for the same event, so a reaction must be idempotent.
   * Resolves to the position of the last event the reaction appended to the log,
   * if it appended any: the reads of whoever caused it wait for that one too.
   */
  react(event: RecordedEvent): Promise<number | undefined>;
}

/** Where each reactor stands in the log, and which process runs them (the host's storage). */
export interface ReactorCheckpoints {
  /**
   * Whether this process runs the reactors, taking the lease when it is free:
   * one process at a time among those sharing the log. Asked before every round.
   */
  lease(): Promise<boolean>;
  /** The position of the last event each reactor passed (absent: none). */
  read(): Promise<ReadonlyMap<string, number>>;
  write(positions: ReadonlyMap<string, number>): Promise<void>;
  /** Gives the lease up. */
  release(): Promise<void>;
}

export interface ReactorRunnerOptions {
  /** Events read per page. */
  pageSize?: number;
  /** Longest sleep without an append or a wait. */
  pollIntervalMs?: number;
  /** Called when a step fails; it is tried again after `retryDelayMs`. */
  onError?: (error: unknown) => void;
  retryDelayMs?: number;
}

/**
 * Runs the reactors from their checkpoints: reads the events they handle after
 * the lowest one, has each reactor react to those past its own, and writes the
 * checkpoints. One process holds the lease and runs them; the others follow the
 * checkpoints it writes, so that `waitFor` answers everywhere.
 */
export class ReactorRunner {
  private readonly positions = new Map<string, number>();
  private readonly handled: string[];
  private held = false;
  /** The highest position known to exist in the log (from the waits and what was read). */
  private head = 0;
  /** The position of the last event a reaction run by this process appended (0: none yet). */
  private appended = 0;
  private readonly wake = new AppendSignal();
  private readonly progress = new AppendSignal();
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private wakeUp: Subscription | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly reactors: readonly Reactor[],
    private readonly checkpoints: ReactorCheckpoints,
    private readonly options: ReactorRunnerOptions = {},
  ) {
    this.handled = [...new Set(reactors.flatMap((reactor) => reactor.handles))];
    for (const reactor of reactors) this.positions.set(reactor.name, 0);
  }

  /** Whether a reactor follows events of these types (a command that appended them may wait for it). */
  follows(eventTypes: readonly string[]): boolean {
    return eventTypes.some((type) => this.handled.includes(type));
  }

  /**
   * Catches up once (if this process holds the lease), then keeps following the
   * log until `stop`. A failure (the database unreachable, a reaction failing) is
   * reported to `onError` and tried again in the loop: it never stops a start.
   */
  async start(): Promise<void> {
    try {
      await this.step();
    } catch (error) {
      this.options.onError?.(error);
    }
    this.listen();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.wakeUp?.close();
    await this.loop;
    if (this.held) await this.checkpoints.release();
    this.held = false;
  }

  /**
   * The position the reads of a command at `position` must wait for once the
   * reactors have passed it: the command's own, or a later one a reaction to it
   * (or to a later event) appended — an avenant's moves of actions. Reactions the
   * lease holder ran in another process are not known here.
   */
  reachedFrom(position: number): number {
    return Math.max(position, this.appended);
  }

  /** Resolves true once every reactor has passed `position`, false after `timeoutMs`. */
  async waitFor(position: number, timeoutMs = 3000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    this.head = Math.max(this.head, position);
    this.wake.notify();
    while ([...this.positions.values()].some((passed) => passed < position)) {
      const remaining = deadline - Date.now();
      if (remaining <= 0 || this.stopping.signal.aborted) return false;
      await this.progress.waitForChange(this.progress.version, remaining, this.stopping.signal);
    }
    return true;
  }

  /** An append of an event a reactor handles wakes the loop. */
  private listen(): void {
    const from = Math.min(...this.positions.values());
    this.wakeUp = this.store.subscribeAll({ fromPosition: from, filter: { eventTypes: this.handled } });
    const subscription = this.wakeUp;
    void (async () => {
      try {
        for await (const message of subscription) {
          if (message.kind === 'event') this.head = Math.max(this.head, message.event.position);
          this.wake.notify();
        }
      } catch (error) {
        this.options.onError?.(error);
      }
    })();
  }

  private async run(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      const version = this.wake.version;
      try {
        await this.step();
      } catch (error) {
        this.options.onError?.(error);
        await this.wake.waitForChange(
          this.wake.version,
          this.options.retryDelayMs ?? 1000,
          this.stopping.signal,
        );
        continue;
      }
      // Following the holder: look again soon while behind the known head.
      const behind = !this.held && [...this.positions.values()].some((passed) => passed < this.head);
      await this.wake.waitForChange(
        version,
        behind ? 50 : (this.options.pollIntervalMs ?? 1000),
        this.stopping.signal,
      );
    }
  }

  /** One round: react to every event not passed yet if this process holds the lease, else follow the holder. */
  private async step(): Promise<void> {
    const heldBefore = this.held;
    this.held = await this.checkpoints.lease();
    if (!this.held || !heldBefore) {
      // Where the reactors stand: the previous holder's checkpoints, to start from or to follow.
      const stored = await this.checkpoints.read();
      let moved = false;
      for (const reactor of this.reactors) {
        const position = stored.get(reactor.name) ?? 0;
        if (position !== this.positions.get(reactor.name)) moved = true;
        this.positions.set(reactor.name, position);
      }
      if (moved) this.progress.notify();
      if (!this.held) return;
    }
    const pageSize = this.options.pageSize ?? 100;
    for (;;) {
      // Everything up to the head known before the read is in the page or was passed.
      const known = this.head;
      const from = Math.min(...this.positions.values());
      const page = await this.store.readAll({
        fromPosition: from,
        limit: pageSize,
        filter: { eventTypes: this.handled },
      });
      const reached = new Map<string, number>();
      for (const event of page) {
        for (const reactor of this.reactors) {
          if ((this.positions.get(reactor.name) ?? 0) >= event.position) continue;
          if (reactor.handles.includes(event.type)) {
            const appended = await reactor.react(event);
            if (typeof appended === 'number') this.appended = Math.max(this.appended, appended);
          }
          this.positions.set(reactor.name, event.position);
          reached.set(reactor.name, event.position);
        }
      }
      const last = page.at(-1)?.position ?? from;
      this.head = Math.max(this.head, last);
      if (page.length < pageSize) {
        const end = Math.max(known, last);
        for (const [name, position] of this.positions) {
          if (position < end) {
            this.positions.set(name, end);
            reached.set(name, end);
          }
        }
      }
      if (reached.size > 0) {
        await this.checkpoints.write(reached);
        this.progress.notify();
      }
      if (page.length < pageSize || this.stopping.signal.aborted) return;
    }
  }
}
