/**
 * The connections the runner's transactions may hold at once. While it catches up, every
 * projection has its next page waiting: the one whose transactions take longest gets the next
 * free connection, for the rebuild lasts as long as its chain of pages.
 */
export class WriteSlots {
  private readonly waiting: { cost: number; go: () => void }[] = [];

  constructor(private free: number) {}

  async take(cost: number): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((go) => {
      const at = this.waiting.findIndex((other) => other.cost < cost);
      this.waiting.splice(at === -1 ? this.waiting.length : at, 0, { cost, go });
    });
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next.go();
    else this.free += 1;
  }

  /** `work` in a slot taken at `cost`, given back whatever it does. */
  async hold<T>(cost: number, work: () => Promise<T>): Promise<T> {
    await this.take(cost);
    try {
      return await work();
    } finally {
      this.give();
    }
  }
}
