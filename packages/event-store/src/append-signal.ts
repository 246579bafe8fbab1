/**
 * "Something was appended": a counter that subscriptions read before a query and
 * wait on after it, so that an append landing in between is never slept through.
 */
export class AppendSignal {
  private count = 0;
  private waiters = new Set<() => void>();

  get version(): number {
    return this.count;
  }

  notify(): void {
    this.count += 1;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Resolves when `notify` was called after `version` was read, or after `timeoutMs`, or on abort. */
  waitForChange(version: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.count !== version || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
