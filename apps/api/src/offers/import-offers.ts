import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stableCommandId } from '@cls/demo';
import { businessDay, DomainError, isOfferPublic, type OfferDetails } from '@cls/domain';
import type { EventStore } from '@cls/event-store';
import {
  type CmpPublicSummary,
  type FinessEstablishment,
  type ImportedOffer,
  kindOfEstablishment,
  offerOfEstablishment,
  parseFiness,
  planOfferImport,
  summarizeCmpPublics,
} from '@cls/offers';
import type { OfferRow, ProjectionRunner, ReadModelQueries } from '@cls/projections';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainCommand } from '../commands/domain-command.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { PROJECTION_RUNNER, READ_MODELS } from '../projections/projections.module.js';
import { CommuneLookup } from './commune-lookup.js';

/** The FINESS extract of ../shared/data, and the date it was taken (its README). */
export const SHARED_FINESS_FILE = 'finess/etablissements.csv';
const SHARED_FINESS_DATE = '2021-01-08';

/** Who the import's events are recorded as. */
export const FINESS_IMPORTER = { id: 'import-finess', role: 'admin' };

export interface OfferImportReport {
  file: string;
  format: 'extract' | 'etalab';
  /** The extract's date: the offers are verified as of that day. */
  verifiedOn: string;
  establishments: number;
  /** Establishments that are not health offers for residents (other FINESS categories). */
  ignored: number;
  registered: number;
  updated: number;
  closed: number;
  unchanged: number;
  /** Closed offers that reappear in the file: left closed, for a coordinator to look at. */
  reopened: string[];
  /** Rows skipped: malformed, or refused by the command side. */
  rejected: Array<{ line: number; reason: string }>;
  /** The file's CMPs by public (adults, children and adolescents); those whose name does not tell, listed. */
  cmpPublics: CmpPublicSummary;
}

export interface OfferImportOptions {
  /** The extract's date when the file does not carry it (YYYY-MM-DD). */
  verifiedOn?: string;
  onProgress?: (done: number, total: number) => void;
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
  const bytes = readFileSync(file);
  const parsed = parseFiness(bytes);
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
  const fileHash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const commands: Array<{ type: string; offerId: string } & Record<string, unknown>> = [
    ...plan.register.map((offer) => ({ type: 'RegisterOffer', ...offer })),
    ...plan.update.map((update) => ({ type: 'UpdateOffer', ...update })),
    ...plan.close.map((close) => ({ type: 'CloseOffer', ...close })),
  ];

  const bus = app.get(CommandBus);
  const rejected = [...parsed.rejected];
  const done = { RegisterOffer: 0, UpdateOffer: 0, CloseOffer: 0 } as Record<string, number>;
  for (const [index, command] of commands.entries()) {
    try {
      await bus.execute(
        new DomainCommand(command, {
          actor: FINESS_IMPORTER,
          commandId: stableCommandId(`finess:${fileHash}:${command.type}:${command.offerId}`),
          // The import's events form one causal chain in the audit.
          correlationId: `finess-import:${fileHash}`,
        }),
      );
      done[command.type] = (done[command.type] ?? 0) + 1;
    } catch (error) {
      // Refused by the command side (its schema or its rules): the row is reported and skipped.
      if (!(error instanceof DomainError)) throw error;
      rejected.push({ line: lineOf.get(command.offerId) ?? 0, reason: error.message });
    }
    options.onProgress?.(index + 1, commands.length);
  }
  if (commands.length === 0) options.onProgress?.(0, 0);
  rejected.sort((a, b) => a.line - b.line);

  return {
    file,
    format: parsed.format,
    verifiedOn,
    establishments: parsed.establishments.length,
    ignored,
    registered: done.RegisterOffer ?? 0,
    updated: done.UpdateOffer ?? 0,
    closed: done.CloseOffer ?? 0,
    unchanged: plan.unchanged,
    reopened: plan.reopened.map((offer) => offer.offerId),
    rejected,
    cmpPublics: summarizeCmpPublics(cmps),
  };
}

/** Whether the directory holds FINESS offers already (once the read models have caught up). */
export async function hasFinessOffers(app: INestApplication): Promise<boolean> {
  return (await currentFinessOffers(app)).length > 0;
}

/** The FINESS offers known now, once the read models have caught up with the log. */
async function currentFinessOffers(app: INestApplication): Promise<ImportedOffer[]> {
  const store = app.get<EventStore>(EVENT_STORE);
  const runner = app.get<ProjectionRunner>(PROJECTION_RUNNER);
  await runner.started;
  const positions = runner.status().map((status) => status.position);
  const head = await logHead(store, positions.length > 0 ? Math.min(...positions) : 0);
  if (head > 0 && !(await runner.waitFor(head, 60_000))) {
    throw new Error('les projections n’ont pas rattrapé le journal : import impossible pour l’instant');
  }
  const rows = await liveOffers(app.get<ReadModelQueries>(READ_MODELS));
  return rows
    .filter((row) => row.source === 'finess' && row.finess)
    .map((row) => ({
      offerId: row.id,
      finess: row.finess as string,
      details: detailsOf(row),
      closed: row.closedOn !== null,
    }));
}

/** The offers read model, once it is live (a new version goes live just after catching up). */
async function liveOffers(queries: ReadModelQueries): Promise<OfferRow[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await queries.offers();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** The last position of the log, reading forward from `from`. */
async function logHead(store: EventStore, from: number): Promise<number> {
  let head = from;
  for (;;) {
    const page = await store.readAll({ fromPosition: head, limit: 1000 });
    const last = page.at(-1)?.position ?? head;
    if (last === head) return head;
    head = last;
  }
}

/** An offer's row back into the details its events carry (absent values left out, as commands leave them). */
export function detailsOf(row: OfferRow): OfferDetails {
  const details: Record<string, unknown> = {
    kind: row.kind,
    name: row.name,
    address: {
      line: row.addressLine,
      ...(row.postcode ? { postcode: row.postcode } : {}),
      ...(row.communeInsee ? { communeInsee: row.communeInsee } : {}),
      communeName: row.communeName,
    },
    position: { lon: row.lon, lat: row.lat },
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

/** The import's outcome in a few French lines, with the first rejected rows. */
export function describeImport(report: OfferImportReport): string {
  const lines = [
    `Import FINESS (${report.format === 'etalab' ? 'extraction nationale' : 'extrait'} du ${report.verifiedOn}) : ${report.file}`,
    `  ${report.establishments} établissements lus, ${report.ignored} hors offres de soins`,
    `  ${report.registered} offres enregistrées, ${report.updated} modifiées, ${report.closed} fermées, ${report.unchanged} inchangées`,
  ];
  if (report.reopened.length > 0) {
    lines.push(
      `  ${report.reopened.length} offres fermées réapparaissent (laissées fermées) : ${report.reopened.slice(0, 5).join(', ')}`,
    );
  }
  const { cmpPublics } = report;
  lines.push(
    `  CMP : ${cmpPublics.adultes} pour adultes, ${cmpPublics.enfants_adolescents} pour enfants et adolescents, ${cmpPublics.ambiguous.length} dont le nom ne dit pas le public`,
  );
  // Listed in full, for a coordinator to settle: the import does not guess.
  for (const { line, finess, name, reason } of cmpPublics.ambiguous) {
    lines.push(`    ligne ${line} : ${name} (FINESS ${finess}) — ${reason}`);
  }
  if (report.rejected.length > 0) {
    lines.push(`  ${report.rejected.length} lignes ignorées :`);
    for (const { line, reason } of report.rejected.slice(0, 20)) lines.push(`    ligne ${line} : ${reason}`);
    if (report.rejected.length > 20) lines.push(`    … et ${report.rejected.length - 20} autres`);
  }
  return lines.join('\n');
}
