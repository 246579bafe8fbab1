import { describe, expect, it } from 'vitest';
import { CommandWindow } from './import-commands.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('CommandWindow', () => {
  it('never has more than its size in flight, starts tasks in order, and runs them all', async () => {
    const window = new CommandWindow(3);
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    const finished: number[] = [];
    for (let n = 0; n < 20; n += 1) {
      await window.run(async () => {
        started.push(n);
        inFlight += 1;
        most = Math.max(most, inFlight);
        // Finishing out of order: later tasks are quicker.
        for (let wait = 0; wait < 20 - n; wait += 1) await tick();
        inFlight -= 1;
        finished.push(n);
      });
    }
    await window.drain();
    expect(most).toBe(3);
    expect(started).toEqual([...Array(20).keys()]);
    expect([...finished].sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    expect(finished).not.toEqual(started);
  });

  it('with a size of 1, runs one task after the other', async () => {
    const window = new CommandWindow(1);
    const events: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      await window.run(async () => {
        events.push(`start ${name}`);
        await tick();
        events.push(`end ${name}`);
      });
    }
    await window.drain();
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('stops at a task that throws: the next run throws it and starts nothing more', async () => {
    const window = new CommandWindow(2);
    const started: number[] = [];
    const failure = new Error('base de données perdue');
    const runAll = async () => {
      for (let n = 0; n < 10; n += 1) {
        await window.run(async () => {
          started.push(n);
          await tick();
          if (n === 1) throw failure;
        });
      }
      await window.drain();
    };
    await expect(runAll()).rejects.toBe(failure);
    expect(started.length).toBeLessThan(10);
  });

  it('drain throws a failure of the last tasks', async () => {
    const window = new CommandWindow(4);
    const failure = new Error('refus inattendu');
    await window.run(async () => {
      await tick();
      throw failure;
    });
    await expect(window.drain()).rejects.toBe(failure);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new CommandWindow(0)).toThrow(RangeError);
    expect(() => new CommandWindow(1.5)).toThrow(RangeError);
  });
});
