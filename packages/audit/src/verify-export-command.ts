import { count } from './french-format.js';
import { verifyNdjson } from './ndjson.js';

/** What the command needs from the process: injected, so that tests run it without one. */
export interface CommandIo {
  readFile(path: string): Promise<string>;
  readStdin(): Promise<string>;
  out(line: string): void;
  err(line: string): void;
}

export const VERIFY_EXPORT_USAGE =
  'usage : verify-export <fichier.ndjson | -> [--positions-denses]\n' +
  '  -                   lit l’export sur l’entrée standard\n' +
  '  --positions-denses  l’export est un journal complet : une position manquante est un événement supprimé';

/** At most this many unreadable lines are listed; the count says the rest. */
const LISTED_ERRORS = 20;

/**
 * `verify-export <file.ndjson | ->`: re-computes the hash chains of an export and
 * says in French whether the log is intact. Returns the exit code: 0 intact, 1 not
 * (or the export could not be read).
 */
export async function verifyExportCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const flags = args.filter((arg) => arg.startsWith('--'));
  const files = args.filter((arg) => !arg.startsWith('--'));
  const unknown = flags.filter((flag) => flag !== '--positions-denses' && flag !== '--dense');
  if (flags.includes('--help') || files.length !== 1 || unknown.some((flag) => flag !== '--help')) {
    io.err(VERIFY_EXPORT_USAGE);
    return 1;
  }
  const file = files[0] as string;
  let text: string;
  try {
    text = file === '-' ? await io.readStdin() : await io.readFile(file);
  } catch (error) {
    io.err(`lecture impossible de ${file} : ${(error as Error).message}`);
    return 1;
  }
  const densePositions = flags.includes('--positions-denses') || flags.includes('--dense');
  const verification = await verifyNdjson(text, { densePositions });
  for (const error of verification.parseErrors.slice(0, LISTED_ERRORS)) {
    io.err(`ligne ${error.line} illisible : ${error.message}`);
  }
  if (verification.parseErrors.length > LISTED_ERRORS) {
    io.err(
      `… et ${count(verification.parseErrors.length - LISTED_ERRORS, 'autre ligne illisible', 'autres lignes illisibles')}`,
    );
  }
  const { brokenLink, result } = verification;
  if (brokenLink) {
    io.out(
      `journal rompu : flux ${brokenLink.stream}, révision ${brokenLink.revision}, ` +
        `position ${brokenLink.position} (ligne ${brokenLink.line}) : ${brokenLink.reason}`,
    );
    io.out(`${count(result.events, 'événement vérifié', 'événements vérifiés')} avant ce maillon`);
    return 1;
  }
  if (verification.parseErrors.length > 0) {
    io.out(
      `journal non vérifiable en entier : ${count(verification.parseErrors.length, 'ligne illisible', 'lignes illisibles')}, ` +
        `${count(result.events, 'événement lu', 'événements lus')} aux chaînes intactes`,
    );
    return 1;
  }
  io.out(`journal intègre : ${count(result.events, 'événement')} (${count(result.streams, 'flux', 'flux')})`);
  return 0;
}
