import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { stableCommandId } from '@cls/demo';
import {
  businessDay,
  DomainError,
  ERASED_PERSONAL_DATA,
  isOfferKind,
  type OfferDetails,
  OfferPracticeSchema,
  PositionPrecisionSchema,
  practitionerSubject,
} from '@cls/domain';
import { canonicalJson } from '@cls/event-store';
import {
  CommuneCentres,
  detached,
  FrenchCommunes,
  groupBySite,
  offerOfSite,
  type PractitionerActivity,
  type PractitionerOffer,
  parseCommuneCentres,
  practitionerSiteOfLine,
  readTextLines,
  rppsHeaderOf,
  type TextEncoding,
} from '@cls/offers';
import type { OfferRow, ReadModelQueries } from '@cls/projections';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { withPersonalDataOpened } from '../personal-data/opened-read-models.js';
import { PersonalDataVault } from '../personal-data/vault.js';
import { READ_MODELS } from '../projections/projections.module.js';
import { CommuneLookup } from './commune-lookup.js';
import { CommandWindow, executeImportCommand, IMPORT_WINDOW } from './import-commands.js';
import { placeOfRow, readModelsCaughtUp, refreshStatistics, whenLive } from './import-read-side.js';
import type { ImportProgress, ImportReport } from './import-report.js';

/** Who the import's events are recorded as. */
export const RPPS_IMPORTER = { id: 'import-rpps', role: 'admin' };

export interface PractitionerImportOptions {
  /** The file's encoding (detectOfferFile): UTF-8 as the ANS publishes it. */
  encoding?: TextEncoding;
  /** The extraction's day (YYYY-MM-DD) when its name does not tell it (`…_202611300908.txt`). */
  verifiedOn?: string;
  /**
   * A national file of communes' centres (the API Découpage administratif's `/communes?fields=code,centre`):
   * without it, only the communes of the open data's communes.csv have a centre.
   */
  communesFile?: string;
  /** A site's position at its address (a BAN file), when found: the offer is then placed there. */
  addressPosition?: (offer: PractitionerOffer) => { lon: number; lat: number } | undefined;
  /** While the file is read (bytes, about): the commands are sent as the lines are read. */
  onReadProgress?: ImportProgress['onReadProgress'];
  /** Commands in flight at once (IMPORT_WINDOW by default; 1 sends them one after the other). */
  window?: number;
}

/** The extraction's day from its name: `PS_LibreAcces_Personne_activite_202611300908.txt` → 2026-11-30. */
export function extractionDay(file: string): string | undefined {
  const match = /_(\d{4})(\d{2})(\d{2})\d{4}\.txt$/i.exec(basename(file));
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

/** The department of an INSEE commune code: `34032` → 34, `2A004` → 2A, `97411` → 974. */
const departementOf = (insee: string): string =>
  insee.startsWith('97') || insee.startsWith('98') ? insee.slice(0, 3) : insee.slice(0, 2);

const fingerprint = (value: unknown): string =>
  createHash('sha256').update(canonicalJson(value)).digest('base64url').slice(0, 22);

/** What an RPPS offer's row says of the details the import gives (the others a coordinator may have added). */
function givenDetailsOf(row: OfferRow): Partial<OfferDetails> {
  const precision = PositionPrecisionSchema.safeParse(row.positionPrecision);
  const practice = OfferPracticeSchema.safeParse(row.practice);
  return {
    ...(isOfferKind(row.kind) ? { kind: row.kind } : {}),
    name: row.name,
    ...placeOfRow(row),
    ...(precision.success ? { positionPrecision: precision.data } : {}),
    ...(row.phone ? { phone: row.phone } : {}),
    ...(practice.success ? { practice: practice.data } : {}),
  };
}

/** Details but where the offer stands. */
function withoutPosition<Details extends Partial<OfferDetails>>(details: Details) {
  const { position: _, positionPrecision: __, ...rest } = details;
  return rest;
}

/** An RPPS offer already known, as little as the comparison needs (one per offer: bounded by the directory, not the file). */
interface KnownOffer {
  details: string;
  /** Placed at its BAN address by an earlier import: the fingerprint of its details but the position. */
  unplaced?: string;
  /** The name's fingerprint; ERASED once the practitioner's data were erased (their name is not recorded again). */
  name: string;
  closed: boolean;
  departement: string;
  seen: boolean;
}

const ERASED = 'erased';

/** Offers whose practitioners' keys are made together (PersonalDataVault.prepareKeys). */
const KEYS_AT_ONCE = 256;

/** The RPPS offers known now, read a page at a time once the read models have caught up with the log. */
async function knownPractitionerOffers(app: INestApplication): Promise<Map<string, KnownOffer>> {
  await readModelsCaughtUp(app);
  const queries = withPersonalDataOpened(app.get<ReadModelQueries>(READ_MODELS), app.get(PersonalDataVault));
  const known = new Map<string, KnownOffer>();
  for (let after = ''; ; ) {
    const page = await whenLive(() => queries.offersOfSource('rpps', after, 1000));
    for (const row of page) {
      known.set(row.id, {
        details: fingerprint(givenDetailsOf(row)),
        ...(row.positionPrecision === 'address'
          ? { unplaced: fingerprint(withoutPosition(givenDetailsOf(row))) }
          : {}),
        name:
          row.practitioner?.name === ERASED_PERSONAL_DATA
            ? ERASED
            : fingerprint(row.practitioner?.name ?? ''),
        closed: row.closedOn !== null,
        departement: departementOf(row.communeInsee ?? ''),
        seen: false,
      });
    }
    const next = page.at(-1)?.id;
    if (!next || page.length < 1000) return known;
    after = next;
  }
}

/**
 * Imports the Annuaire Santé extraction (`PS_LibreAcces_Personne_activite_*.txt`) through the
 * command side, read as a stream: the liberal sites of sages-femmes, médecins généralistes,
 * infirmiers, chirurgiens-dentistes and kinésithérapeutes become offers (one per practitioner and
 * site), placed at their commune's centre; an offer of a department the file covers whose
 * practitioner is no longer at the site is closed. Only what changed is appended, with command
 * ids derived from the extraction's day and the offer's content: run twice, it appends nothing.
 * A malformed line, a commune that cannot be placed or a command refused is reported with its
 * line number, never fatal. Memory holds one small entry per offer, never the file: a
 * practitioner's lines are merged as they come (the file lists each practitioner's lines
 * together).
 */
export async function importPractitioners(
  app: INestApplication,
  file: string,
  options: PractitionerImportOptions = {},
): Promise<ImportReport> {
  const encoding = options.encoding ?? 'utf-8';
  const verifiedOn = options.verifiedOn ?? extractionDay(file) ?? businessDay();
  const lookup = app.get(CommuneLookup);
  const places = {
    communes: FrenchCommunes.load(),
    centres: new CommuneCentres(
      options.communesFile ? parseCommuneCentres(readFileSync(options.communesFile, 'utf8')) : [],
      (insee) => lookup.get(insee),
    ),
  };
  const known = await knownPractitionerOffers(app);
  const bus = app.get(CommandBus);
  const size = statSync(file).size;

  const report: ImportReport = {
    file,
    source: `Annuaire Santé (RPPS), extraction du ${verifiedOn}`,
    encoding,
    verifiedOn,
    read: { count: 0, what: 'lignes d’activité lues' },
    ignored: {
      count: 0,
      what: 'hors offres (autres professions, exercice salarié ou bénévole, médecins d’autres spécialités)',
    },
    added: 0,
    changed: 0,
    closed: 0,
    unchanged: 0,
    reopened: [],
    rejected: [],
    notes: [],
  };
  const added = new Set<string>();
  const window = new CommandWindow(options.window ?? IMPORT_WINDOW);
  const departements = new Set<string>();

  /** Sends a command; a refusal is returned (the caller reports it), anything else thrown. */
  const send = async (
    command: { type: string; offerId: string } & Record<string, unknown>,
    key: string,
  ): Promise<DomainError | undefined> => {
    try {
      await executeImportCommand(bus, command, {
        actor: RPPS_IMPORTER,
        commandId: stableCommandId(`rpps:${verifiedOn}:${command.type}:${command.offerId}:${key}`),
        correlationId: `rpps-import:${verifiedOn}`,
      });
      return undefined;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return error;
    }
  };
  /** Whether it went through; refused by the command side (its schema or its rules), the line is reported. */
  const sentCommand = (refused: DomainError | undefined, line: number): boolean => {
    if (refused) report.rejected.push({ line, reason: detached(refused.message) });
    return refused === undefined;
  };
  const vault = app.get(PersonalDataVault);
  /**
   * Practitioners with a line rejected in this file: their sites may be in it, unread — none of
   * their offers is closed by this run (a malformed line must not close a practice).
   */
  const unsure = new Set<string>();
  const rppsOfOfferId = (offerId: string) => /^rpps-(\d{11})-/.exec(offerId)?.[1];

  const importOffer = async (offer: PractitionerOffer) => {
    const line = offer.lines[0] ?? 0;
    const sent = (refused: DomainError | undefined, at: number) => {
      if (refused) unsure.add(detached(offer.rpps));
      return sentCommand(refused, at);
    };
    if (added.has(offer.offerId) || known.get(offer.offerId)?.seen) {
      report.rejected.push({
        line,
        reason: 'site déjà lu plus haut pour ce praticien (ses lignes ne se suivent pas) : ligne ignorée',
      });
      return;
    }
    const at = options.addressPosition?.(offer);
    const details: OfferDetails = at
      ? { ...offer.details, position: at, positionPrecision: 'address' }
      : offer.details;
    departements.add(offer.departement);
    const current = known.get(offer.offerId);
    // Placed at its address by an import given the BAN, and not found at one this time (no
    // --addresses, or not in it): it stays where it is rather than going back to the commune's centre.
    const keepPosition = current?.unplaced !== undefined && !at;
    const compared = keepPosition ? withoutPosition(details) : details;
    const detailsPrint = fingerprint(compared);
    const namePrint = fingerprint(offer.practitioner.name);
    if (!current) {
      added.add(offer.offerId);
      const registration = {
        type: 'RegisterOffer',
        offerId: offer.offerId,
        source: 'rpps',
        rpps: offer.rpps,
      };
      let refused = await send(
        { ...registration, practitioner: offer.practitioner, ...details, verifiedOn },
        detailsPrint,
      );
      // A practitioner whose data were erased: the site is an offer still, their name is not recorded again.
      if (refused && (await vault.isErased(practitionerSubject(offer.rpps)))) {
        refused = await send({ ...registration, ...details, verifiedOn }, `${detailsPrint}:anonyme`);
      }
      if (sent(refused, line)) report.added += 1;
      return;
    }
    current.seen = true;
    if (current.closed) {
      report.reopened.push(offer.offerId);
      return;
    }
    const sameName = current.name === namePrint || current.name === ERASED;
    if ((keepPosition ? current.unplaced : current.details) === detailsPrint && sameName) {
      report.unchanged += 1;
      return;
    }
    const refused = await send(
      {
        type: 'UpdateOffer',
        offerId: offer.offerId,
        // All the details the file gives: the decider keeps those that changed.
        changes: compared,
        ...(details.phone === undefined ? { remove: ['phone'] } : {}),
        ...(sameName ? {} : { practitioner: offer.practitioner }),
        verifiedOn,
      },
      `${detailsPrint}:${namePrint}`,
    );
    if (sent(refused, line)) report.changed += 1;
  };

  /**
   * Offers read, waiting for their practitioners' keys: made a few hundred at a time (one
   * statement) rather than each on its first sealing (two round trips per practitioner).
   */
  let waiting: PractitionerOffer[] = [];
  const sendWaiting = async () => {
    const offers = waiting;
    waiting = [];
    await vault.prepareKeys(offers.map((offer) => practitionerSubject(offer.rpps)));
    // Each offer is a stream of its own: its commands go out a window at a time, in the file's order.
    for (const offer of offers) await window.run(() => importOffer(offer));
  };

  let practitioner: PractitionerActivity[] = [];
  const flush = async () => {
    for (const site of groupBySite(practitioner)) {
      const outcome = offerOfSite(site, places);
      if ('offer' in outcome) {
        waiting.push(outcome.offer);
        if (waiting.length >= KEYS_AT_ONCE) await sendWaiting();
      } else if ('rejected' in outcome) {
        report.rejected.push(outcome.rejected);
        unsure.add(detached(site[0]?.rpps ?? ''));
      } else report.ignored.count += site.length;
    }
    practitioner = [];
  };

  let header: ReturnType<typeof rppsHeaderOf> | undefined;
  let bytes = 0;
  for await (const { line, text } of readTextLines(file, encoding)) {
    bytes += Buffer.byteLength(text) + 1;
    if (line % 10_000 === 0) options.onReadProgress?.(Math.min(bytes, size), size);
    if (!header) {
      header = rppsHeaderOf(text);
      continue;
    }
    if (text.trim() === '') continue;
    report.read.count += 1;
    const read = practitionerSiteOfLine(text.split('|'), header, line);
    if ('rejected' in read) {
      report.rejected.push(read.rejected);
      // Whose line it was, when its « Identifiant PP » can still be read.
      const rpps = (header.at.rpps === undefined ? undefined : text.split('|')[header.at.rpps])?.trim();
      if (rpps && /^\d{11}$/.test(rpps)) unsure.add(detached(rpps));
      continue;
    }
    if ('ignored' in read) {
      report.ignored.count += 1;
      continue;
    }
    if (practitioner[0] && practitioner[0].rpps !== read.activity.rpps) await flush();
    practitioner.push(read.activity);
  }
  await flush();
  await sendWaiting();
  await window.drain();
  options.onReadProgress?.(size, size);
  if (!header) throw new Error(`Extraction Annuaire Santé vide : ${file}`);

  // A practitioner no longer at a site: their offer there is closed, in the departments the file covers only.
  let kept = 0;
  for (const [offerId, offer] of known) {
    if (offer.seen || offer.closed || !departements.has(offer.departement)) continue;
    if (unsure.has(rppsOfOfferId(offerId) ?? '')) {
      kept += 1;
      continue;
    }
    await window.run(async () => {
      const refused = await send(
        {
          type: 'CloseOffer',
          offerId,
          closedOn: verifiedOn,
          reason: `Absente de l’extraction Annuaire Santé du ${verifiedOn}`,
        },
        'close',
      );
      if (sentCommand(refused, 0)) report.closed += 1;
    });
  }
  await window.drain();
  if (kept > 0) {
    report.notes.push(
      `${kept} ${kept > 1 ? 'offres absentes laissées ouvertes' : 'offre absente laissée ouverte'} : une ligne de leur praticien est rejetée, le site y figure peut-être`,
    );
  }
  if (!header.hasSavoirFaire) {
    // The newest extractions publish the savoir-faire in a file of their own.
    report.notes.push(
      'Ce fichier ne donne pas les savoir-faire (colonne « Code savoir-faire » absente) : aucun médecin généraliste n’en est tiré',
    );
  }
  report.rejected.sort((a, b) => a.line - b.line);
  await refreshStatistics(app, report.added + report.changed + report.closed);
  report.notes.push(
    `Départements couverts par le fichier (seules leurs offres absentes sont fermées) : ${[...departements].sort().join(', ') || 'aucun'}`,
  );
  return report;
}
