/** Turns the payload of `version` into the payload of `version + 1`. */
// biome-ignore lint/suspicious/noExplicitAny: an upcaster reads an old, untyped payload.
export type Upcaster = (data: any) => unknown;

/**
 * Payload migrations, applied when events are read so that old events stay
 * readable: register one step per version, reads chain the steps up to the latest.
 * The log itself is never rewritten (its hashes cover the stored form).
 */
export class Upcasters {
  private readonly steps = new Map<string, Map<number, Upcaster>>();

  register(type: string, fromVersion: number, upcast: Upcaster): this {
    const forType = this.steps.get(type) ?? new Map<number, Upcaster>();
    if (forType.has(fromVersion)) throw new Error(`upcaster ${type} v${fromVersion} déjà déclaré`);
    forType.set(fromVersion, upcast);
    this.steps.set(type, forType);
    return this;
  }

  upcast<E extends { type: string; version: number; data: unknown }>(event: E): E {
    const forType = this.steps.get(event.type);
    if (!forType) return event;
    let { version, data } = event;
    for (let step = forType.get(version); step; step = forType.get(version)) {
      data = step(data);
      version += 1;
    }
    return version === event.version ? event : { ...event, version, data };
  }
}
