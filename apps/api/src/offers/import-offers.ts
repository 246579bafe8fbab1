import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { stableCommandId } from '@cls/demo';
import { businessDay, DomainError, isOfferPublic, type OfferDetails } from '@cls/domain';
import {
  type CmpPublicSummary,
  type FinessEstablishment,
  type ImportedOffer,
  kindOfEstablishment,
  type OfferFileFormat,
  offerOfEstablishment,
  planOfferImport,
  readFinessFile,
  summarizeCmpPublics,
} from '@cls/offers';
import type { OfferRow, ReadModelQueries } from '@cls/projections';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { READ_MODELS } from '../projections/projections.module.js';
import { CommuneLookup } from './commune-lookup.js';
import { CommandWindow, executeImportCommand, IMPORT_WINDOW } from './import-commands.js';
import { placeOfRow, readModelsCaughtUp, refreshStatistics, whenLive } from './import-read-side.js';
import { describeImportReport, type ImportProgress, type ImportReport } from './import-report.js';

/** The FINESS extract of ../shared/data, and the date it was taken (its README). */
export const SHARED_FINESS_FILE = 'finess/etablissements.csv';
const SHARED_FINESS_DATE = '2021-01-08';

/** Who the import's events are recorded as. */
export const FINESS_IMPORTER = { id: 'import-finess', role: 'admin' };

/** The report of a FINESS import: the shared report, and what only FINESS tells. */
export interface OfferImportReport extends ImportReport {
  format: 'extract' | 'etalab';
  /** The file's CMPs by public (adults, children and adolescents); those whose name does not tell, listed. */
  cmpPublics: CmpPublicSummary;
}

export interface OfferImportOptions extends ImportProgress {
  /** The extract's date when the file does not carry it (YYYY-MM-DD). */
  verifiedOn?: string;
  /** What detectOfferFile said of the file, when the caller asked already. */
  detected?: { format: OfferFileFormat; encoding: 'utf-8' | 'latin1'; bom: boolean };
  /** Commands in flight at once (IMPORT_WINDOW by default; 1 sends them one after the other). */
  window?: number;
}

/**
 * Imports a FINESS file through the command side: only what changed since the
 * last import is appended (OfferRegistered, OfferUpdated, OfferClosed), each
 * row's command on its own — a malformed or refused row is reported with its
 * line number and skipped, never half-applied. Command ids derive from the
 * file's content, so an import interrupted and run again appends nothing twice.
 */
export async function importOffers(
  app: INestApplication,
  file: string,
  options: OfferImportOptions = {},
): Promise<OfferImportReport> {
  // Read as a stream: only the establishments are kept, never the file's text.
  const parsed = await readFinessFile(file, {
    ...(options.detected ? { detected: options.detected } : {}),
    ...(options.onReadProgress ? { onBytes: options.onReadProgress } : {}),
  });
  const verifiedOn =
    parsed.extractDate ??
    options.verifiedOn ??
    (file.endsWith(SHARED_FINESS_FILE) ? SHARED_FINESS_DATE : businessDay());
  const communes = app.get(CommuneLookup);

  const lineOf = new Map<string, number>();
  const incoming = [];
  const cmps: FinessEstablishment[] = [];
  let ignored = 0;
  for (const establishment of parsed.establishments) {
    const kind = kindOfEstablishment(establishment);
    if (!kind) {
      ignored += 1;
      continue;
    }
    if (kind === 'cmp') cmps.push(establishment);
    const offer = offerOfEstablishment(establishment, kind, (insee) => communes.get(insee)?.name);
    lineOf.set(offer.offerId, establishment.line);
    incoming.push(offer);
  }

  const plan = planOfferImport(await currentFinessOffers(app), incoming, { verifiedOn });
  const fileHash = await hashFile(file);
  const commands: Array<{ type: string; offerId: string } & Record<string, unknown>> = [
    ...plan.register.map((offer) => ({ type: 'RegisterOffer', ...offer })),
    ...plan.update.map((update) => ({ type: 'UpdateOffer', ...update })),
    ...plan.close.map((close) => ({ type: 'CloseOffer', ...close })),
  ];

  const bus = app.get(CommandBus);
  const rejected = [...parsed.rejected];
  const done = { RegisterOffer: 0, UpdateOffer: 0, CloseOffer: 0 } as Record<string, number>;
  // Each command is on an offer's own stream: they are independent, sent a window at a time.
  const window = new CommandWindow(options.window ?? IMPORT_WINDOW);
  let settled = 0;
  for (const command of commands) {
    await window.run(async () => {
      try {
        await executeImportCommand(bus, command, {
          actor: FINESS_IMPORTER,
          commandId: stableCommandId(`finess:${fileHash}:${command.type}:${command.offerId}`),
          // The import's events form one causal chain in the audit.
          correlationId: `finess-import:${fileHash}`,
        });
        done[command.type] = (done[command.type] ?? 0) + 1;
      } catch (error) {
        // Refused by the command side (its schema or its rules): the row is reported and skipped.
        if (!(error instanceof DomainError)) throw error;
        rejected.push({ line: lineOf.get(command.offerId) ?? 0, reason: error.message });
      }
      settled += 1;
      options.onProgress?.(settled, commands.length);
    });
  }
  await window.drain();
  if (commands.length === 0) options.onProgress?.(0, 0);
  rejected.sort((a, b) => a.line - b.line);
  await refreshStatistics(app, commands.length - rejected.length);

  const cmpPublics = summarizeCmpPublics(cmps);
  return {
    file,
    source: `FINESS, ${parsed.format === 'etalab' ? 'extraction nationale' : 'extrait'} du ${verifiedOn}`,
    encoding: parsed.encoding,
    format: parsed.format,
    verifiedOn,
    read: { count: parsed.establishments.length, what: 'établissements lus' },
    ignored: { count: ignored, what: 'hors offres de soins' },
    added: done.RegisterOffer ?? 0,
    changed: done.UpdateOffer ?? 0,
    closed: done.CloseOffer ?? 0,
    unchanged: plan.unchanged,
    reopened: plan.reopened.map((offer) => offer.offerId),
    rejected,
    notes: cmpNotes(cmpPublics),
    cmpPublics,
  };
}

/** The CMPs by public, and those whose name does not tell, listed in full for a coordinator to settle. */
function cmpNotes(cmpPublics: CmpPublicSummary): string[] {
  return [
    `CMP : ${cmpPublics.adultes} pour adultes, ${cmpPublics.enfants_adolescents} pour enfants et adolescents, ${cmpPublics.ambiguous.length} dont le nom ne dit pas le public`,
    ...cmpPublics.ambiguous.map(
      ({ line, finess, name, reason }) => `  ligne ${line} : ${name} (FINESS ${finess}) — ${reason}`,
    ),
  ];
}

/** The file's SHA-256 (16 hex digits), read as a stream: command ids derive from it. */
async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex').slice(0, 16);
}

/** Whether the directory holds FINESS offers already (once the read models have caught up). */
export async function hasFinessOffers(app: INestApplication): Promise<boolean> {
  await readModelsCaughtUp(app);
  const queries = app.get<ReadModelQueries>(READ_MODELS);
  return (await whenLive(() => queries.offersOfSource('finess', '', 1))).length > 0;
}

/** Offers read from the read model at once: the FINESS offers a page at a time, never the whole directory. */
const PAGE = 5000;

/** The FINESS offers known now, once the read models have caught up with the log. */
async function currentFinessOffers(app: INestApplication): Promise<ImportedOffer[]> {
  await readModelsCaughtUp(app);
  const queries = app.get<ReadModelQueries>(READ_MODELS);
  const known: ImportedOffer[] = [];
  for (let after = ''; ; ) {
    const page = await whenLive(() => queries.offersOfSource('finess', after, PAGE));
    for (const row of page) {
      if (!row.finess) continue;
      known.push({
        offerId: row.id,
        finess: row.finess,
        details: detailsOf(row),
        closed: row.closedOn !== null,
      });
    }
    const next = page.at(-1)?.id;
    if (!next || page.length < PAGE) return known;
    after = next;
  }
}

/** An offer's row back into the details its events carry (absent values left out, as commands leave them). */
export function detailsOf(row: OfferRow): OfferDetails {
  const details: Record<string, unknown> = {
    kind: row.kind,
    name: row.name,
    ...placeOfRow(row),
  };
  if (row.phone) details.phone = row.phone;
  if (row.categoryCode) details.category = { code: row.categoryCode, label: row.categoryLabel ?? '' };
  // Kept so that an import compares with them (it fills publics only where there are none).
  if (row.publics) details.publics = row.publics.filter(isOfferPublic);
  if (row.openedOn) details.openedOn = row.openedOn;
  if (row.emergency !== null) details.emergency = row.emergency;
  if (row.website) details.website = row.website;
  return details as OfferDetails;
}

/** The shared extract's path under the open data folder, when it is there. */
export function sharedFinessFile(openDataDir: string): string | undefined {
  const path = join(openDataDir, SHARED_FINESS_FILE);
  return existsSync(path) ? path : undefined;
}

/** How to get today's national file, for those who cloned without ../shared. */
export const OFFICIAL_FINESS_HINT =
  'Téléchargez l’extraction FINESS « etalab-cs1100507-stock-*.csv » sur data.gouv.fr ' +
  '(jeu « FINESS Extraction du Fichier des établissements »), puis : pnpm offers:import <fichier>';

/** The import's outcome in a few French lines (the counts on the third), with the first rejected rows. */
export function describeImport(report: OfferImportReport): string {
  return describeImportReport(report);
}
