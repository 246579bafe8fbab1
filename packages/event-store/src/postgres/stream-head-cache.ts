import type { StreamHead } from '../append-plan.js';

/** Least-recently-used map of stream heads, bounded so that a long-running process stays small. */
export class StreamHeadCache {
  private readonly entries = new Map<string, StreamHead>();

  constructor(private readonly capacity: number) {}

  get(stream: string): StreamHead | undefined {
    const head = this.entries.get(stream);
    if (head) {
      this.entries.delete(stream);
      this.entries.set(stream, head);
    }
    return head;
  }

  set(stream: string, head: StreamHead): void {
    this.entries.delete(stream);
    this.entries.set(stream, head);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  delete(stream: string): void {
    this.entries.delete(stream);
  }
}
