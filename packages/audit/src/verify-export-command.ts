import type { KeyObject } from 'node:crypto';
import type { LogHead } from '@cls/event-store';
import { count } from '@cls/french';
import { parseNdjson, verifyNdjson } from './ndjson.js';
import { checkSignature, keyIdOf, readPublicKey, type SignedHead } from './signed-head.js';

/** What the command needs from the process: injected, so that tests run it without one. */
export interface CommandIo {
  readFile(path: string): Promise<string>;
  readStdin(): Promise<string>;
  out(line: string): void;
  err(line: string): void;
}

export const VERIFY_EXPORT_USAGE =
  'usage : verify-export <fichier.ndjson | -> [--positions-denses] [--public-key <clé.pem>]… [--expect-head <tête>]…\n' +
  '  -                     lit l’export sur l’entrée standard\n' +
  '  --positions-denses    l’export est un journal complet : une position manquante est un événement supprimé\n' +
  '  --public-key <fichier> clé publique de la plateforme (PEM, servie par /api/audit/public-key) : vérifie la\n' +
  '                        signature de la tête ; à répéter pour les clés d’avant une rotation\n' +
  '  --expect-head <tête>  une tête connue d’avant, que le journal doit toujours traverser : <position>:<hash global>,\n' +
  '                        ou un export antérieur (sa tête signée) ; à répéter';

/** At most this many unreadable lines are listed; the count says the rest. */
const LISTED_ERRORS = 20;

const VALUE_OPTIONS = new Set(['--public-key', '--expect-head']);
const FLAGS = new Set(['--positions-denses', '--dense', '--help']);

interface Arguments {
  file: string;
  densePositions: boolean;
  publicKeyFiles: string[];
  expectHeads: string[];
}

/** `--option value` and `--option=value`; undefined when the arguments do not make sense. */
function parseArguments(args: readonly string[]): Arguments | undefined {
  const files: string[] = [];
  const values = new Map<string, string[]>([...VALUE_OPTIONS].map((option) => [option, []]));
  const flags = new Set<string>();
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    const [name = '', inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg];
    if (VALUE_OPTIONS.has(name)) {
      const value = inline ?? args[++index];
      if (value === undefined || value === '') return undefined;
      values.get(name)?.push(value);
    } else if (FLAGS.has(arg)) flags.add(arg);
    else if (arg.startsWith('--')) return undefined;
    else files.push(arg);
  }
  if (flags.has('--help') || files.length !== 1) return undefined;
  return {
    file: files[0] as string,
    densePositions: flags.has('--positions-denses') || flags.has('--dense'),
    publicKeyFiles: values.get('--public-key') ?? [],
    expectHeads: values.get('--expect-head') ?? [],
  };
}

const shortHash = (hash: string) => `${hash.slice(0, 12)}…`;
const describeHead = (head: SignedHead) =>
  `position ${head.position} (hash global ${shortHash(head.globalHash)}), signée le ${head.signedAt} par la clé ${head.keyId}`;

/**
 * `verify-export <file.ndjson | ->`: re-computes the hash chains of an export,
 * checks the signed head that ends it (with the platform's public key) and the
 * heads known from before, and says in French whether the log is intact. Returns
 * the exit code: 0 intact, 1 not (or the export could not be read).
 */
export async function verifyExportCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const parsedArgs = parseArguments(args);
  if (!parsedArgs) {
    io.err(VERIFY_EXPORT_USAGE);
    return 1;
  }
  const { file, densePositions } = parsedArgs;
  const read = async (path: string) => (path === '-' ? io.readStdin() : io.readFile(path));

  const publicKeys: KeyObject[] = [];
  for (const path of parsedArgs.publicKeyFiles) {
    try {
      publicKeys.push(readPublicKey(await read(path)));
    } catch (error) {
      io.err(`clé publique illisible dans ${path} : ${(error as Error).message}`);
      return 1;
    }
  }
  const expectHeads: LogHead[] = [];
  for (const expected of parsedArgs.expectHeads) {
    const literal = /^(\d+):([0-9a-f]{64})$/.exec(expected);
    if (literal) {
      expectHeads.push({ position: Number(literal[1]), globalHash: literal[2] as string });
      continue;
    }
    let earlier: SignedHead | null;
    try {
      earlier = parseNdjson(await read(expected)).signedHead;
    } catch (error) {
      io.err(`lecture impossible de ${expected} : ${(error as Error).message}`);
      return 1;
    }
    if (!earlier) {
      io.err(`${expected} : ni <position>:<hash global>, ni un export terminé par une tête signée`);
      return 1;
    }
    const verdict = publicKeys.length === 0 ? 'unchecked' : checkSignature(earlier, publicKeys);
    if (verdict === 'invalid' || verdict === 'unknown-key') {
      io.out(
        `tête attendue de ${expected} : signature ${verdict === 'invalid' ? 'invalide' : 'd’une autre clé que celles données'}`,
      );
      return 1;
    }
    expectHeads.push(earlier);
  }

  let text: string;
  try {
    text = await read(file);
  } catch (error) {
    io.err(`lecture impossible de ${file} : ${(error as Error).message}`);
    return 1;
  }
  const verification = await verifyNdjson(text, { densePositions, publicKeys, expectHeads });
  for (const error of verification.parseErrors.slice(0, LISTED_ERRORS)) {
    io.err(`ligne ${error.line} illisible : ${error.message}`);
  }
  if (verification.parseErrors.length > LISTED_ERRORS) {
    io.err(
      `… et ${count(verification.parseErrors.length - LISTED_ERRORS, 'autre ligne illisible', 'autres lignes illisibles')}`,
    );
  }
  const { brokenLink, result, signedHead } = verification;
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
  if (verification.extractOf !== null && expectHeads.length > 0) {
    io.out(
      `extrait du flux ${verification.extractOf} : les têtes attendues ne se vérifient que sur un export complet du journal`,
    );
    return 1;
  }
  if (verification.refused !== null) {
    io.out(`la plateforme a refusé de signer cet export : ${verification.refused}`);
    return 1;
  }
  switch (verification.signature) {
    case 'invalid':
      io.out(
        `tête signée INVALIDE : ${signedHead ? describeHead(signedHead) : ''} : la tête ou sa signature a été modifiée`,
      );
      return 1;
    case 'unknown-key':
      io.out(
        `tête signée par une autre clé (${signedHead?.keyId}) que celles données (${publicKeys.map(keyIdOf).join(', ')})`,
      );
      return 1;
    case 'absent':
      if (publicKeys.length > 0) {
        io.out('aucune tête signée à la fin de cet export : sa signature ne peut être vérifiée');
        return 1;
      }
      break;
  }

  io.out(`journal intègre : ${count(result.events, 'événement')} (${count(result.streams, 'flux', 'flux')})`);
  if (!signedHead) io.out('aucune tête signée dans cet export');
  else if (verification.signature === 'valid')
    io.out(`tête signée : ${describeHead(signedHead)} : signature valide`);
  else
    io.out(
      `tête signée : ${describeHead(signedHead)} : signature non vérifiée ` +
        '(--public-key <clé.pem>, la clé servie par /api/audit/public-key)',
    );
  if (verification.extractOf !== null)
    io.out(
      `extrait du flux ${verification.extractOf} : la chaîne globale et la tête ne se vérifient que sur un export complet`,
    );
  if (verification.unsignedTail > 0)
    io.out(
      `${count(verification.unsignedTail, 'événement', 'événements')} après la tête signée : non couverts par sa signature`,
    );
  for (const head of expectHeads)
    io.out(
      `tête attendue en position ${head.position} (${shortHash(head.globalHash)}) : le journal y passe toujours`,
    );
  return 0;
}
