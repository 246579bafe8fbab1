import type { RateRefusal } from './public-rate-limit.js';

const HOUR_MS = 3_600_000;

/**
 * At most `perHour` reports of errors (the portal's « Signaler une erreur ») per
 * client address over any hour (a sliding window), beside the public limit: a
 * report is written to the log forever, a read is not. A refused attempt does not
 * count, so Retry-After says when the oldest report of the hour leaves the window.
 * Per process, like the public limit.
 */
export class ReportRateLimit {
  #sent = new Map<string, number[]>();

  constructor(
    readonly perHour: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one report of `client`: undefined within its budget, the refusal beyond. */
  spend(client: string): RateRefusal | undefined {
    const now = this.now();
    const since = now - HOUR_MS;
    const sent = (this.#sent.get(client) ?? []).filter((at) => at > since);
    if (sent.length >= this.perHour) {
      this.#sent.set(client, sent);
      return {
        message: `Au plus ${this.perHour} signalements par heure depuis une même adresse : réessayez plus tard`,
        retryAfterSeconds: Math.max(1, Math.ceil(((sent[0] ?? now) + HOUR_MS - now) / 1000)),
      };
    }
    sent.push(now);
    this.#sent.set(client, sent);
    // Addresses seen once an hour ago would stay forever: forget them now and then.
    if (this.#sent.size > 10_000)
      for (const [address, times] of this.#sent)
        if (times.every((at) => at <= since)) this.#sent.delete(address);
    return undefined;
  }
}
