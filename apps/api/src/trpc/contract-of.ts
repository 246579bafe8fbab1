import { contractNamedBy } from '@cls/domain';
import type { EventStore } from '@cls/event-store';

/**
 * The contract an aggregate's stream belongs to, as its first event names it (for
 * coordinators' scope). A first event never changes: once read, the answer is kept
 * (the most recent `capacity` streams); a stream without any event yet is read again
 * next time, since it may be created meanwhile.
 */
export class ContractOfStream {
  private readonly known = new Map<string, string | null>();

  constructor(
    private readonly store: EventStore,
    private readonly capacity = 50_000,
  ) {}

  async of(stream: string): Promise<string | undefined> {
    const known = this.known.get(stream);
    if (known !== undefined) return known ?? undefined;
    const [first] = await this.store.readStream(stream, { maxCount: 1 });
    if (!first) return undefined;
    const contractId = contractNamedBy(first);
    this.known.set(stream, contractId ?? null);
    if (this.known.size > this.capacity) {
      const oldest = this.known.keys().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
    return contractId;
  }
}
