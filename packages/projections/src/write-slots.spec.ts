import { describe, expect, it } from 'vitest';
import { WriteSlots } from './write-slots.js';

describe('WriteSlots', () => {
  it('gives a free slot at once, then the next freed one to the costliest waiting', async () => {
    const slots = new WriteSlots(1);
    await slots.take(5);
    const order: string[] = [];
    const waiting = [
      slots.take(10).then(() => order.push('10 ms')),
      slots.take(80).then(() => order.push('80 ms')),
      slots.take(30).then(() => order.push('30 ms')),
      slots.take(80).then(() => order.push('80 ms, later')),
    ];
    for (let given = 0; given < 4; given += 1) {
      slots.give();
      // Each slot given goes to the costliest one still waiting.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(waiting);
    expect(order).toEqual(['80 ms', '80 ms, later', '30 ms', '10 ms']);
  });

  it('gives the slot back when the work it holds fails', async () => {
    const slots = new WriteSlots(1);
    await expect(slots.hold(1, () => Promise.reject(new Error('échec')))).rejects.toThrow('échec');
    expect(await slots.hold(1, async () => 'suivant')).toBe('suivant');
  });

  it('never lets more than its size hold a slot at once', async () => {
    const slots = new WriteSlots(2);
    let holding = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 8 }, async (_, n) => {
        await slots.take(n % 3);
        holding += 1;
        most = Math.max(most, holding);
        await new Promise((resolve) => setTimeout(resolve, 2));
        holding -= 1;
        slots.give();
      }),
    );
    expect(most).toBe(2);
  });
});
