/**
 * A read that many callers share without any of them getting an answer older than its call:
 * a caller arriving while no read runs starts one; callers arriving while one runs (it may have
 * looked before they asked) wait for the next, started as soon as the running one ends and
 * shared by all of them. At most two reads at a time, however many callers: under load the
 * database answers one cheap query per round trip instead of one per request.
 */
export class FreshRead<T> {
  #running: Promise<T> | undefined;
  #next: Promise<T> | undefined;

  constructor(private readonly read: () => Promise<T>) {}

  get(): Promise<T> {
    const running = this.#running;
    if (!running) return this.#start();
    if (!this.#next) {
      const settled = () => {
        this.#next = undefined;
        return this.#start();
      };
      this.#next = running.then(settled, settled);
    }
    return this.#next;
  }

  #start(): Promise<T> {
    const reading = this.read();
    this.#running = reading;
    const done = () => {
      if (this.#running === reading) this.#running = undefined;
    };
    reading.then(done, done);
    return reading;
  }
}
