import { readFileSync } from 'node:fs';
import {
  DEMO_ACCOUNTS,
  DEMO_CONTRACT_ID,
  DEMO_PASSWORD,
  type ListedOffer,
  loadSeeds,
  planDemo,
  planDemoOffers,
  planPlaceOffers,
} from '@cls/demo';
import type { EventStore } from '@cls/event-store';
import { kindOfEstablishment, parseFiness, searchKey } from '@cls/offers';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { provisionUser, SYSTEM_ACTOR } from '../accounts/provision.js';
import { DomainCommand } from '../commands/domain-command.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { CommuneLookup } from '../offers/commune-lookup.js';
import { sharedFinessFile } from '../offers/import-offers.js';
import { OFFERS_OPEN_DATA_DIR } from '../offers/offers.controller.js';

export interface DemoLoadResult {
  commands: number;
  /** Events appended by this run: 0 when the demo was there already. */
  appended: number;
  /** The seeds' named places registered as offers, and those left out with why. */
  places: { registered: string[]; skipped: Array<{ id: string; name: string; reason: string }> };
}

/** Whether the demo's main contract is in the log already. */
export async function isDemoLoaded(app: INestApplication): Promise<boolean> {
  const store = app.get<EventStore>(EVENT_STORE);
  return (await store.readStream(`contract-${DEMO_CONTRACT_ID}`, { maxCount: 1 })).length > 0;
}

/**
 * Replays ../shared/seeds through the command bus — the same handlers, checks and
 * invariants as any coordinator's command, never by writing events directly —
 * then provisions one demo account per role. Every command id is derived from
 * its place in the seeds, so a second run appends nothing.
 * Undefined when the seeds folder is absent.
 */
export async function loadDemo(
  app: INestApplication,
  sharedDir: string,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<DemoLoadResult | undefined> {
  const seeds = loadSeeds(sharedDir);
  if (!seeds) return undefined;
  const places = placeOffers(app, seeds);
  const commands = [...planDemo(seeds), ...demoOffers(app, seeds), ...places.commands];
  const total = commands.length + DEMO_ACCOUNTS.length;
  const bus = app.get(CommandBus);
  let appended = 0;
  for (const [index, planned] of commands.entries()) {
    const result = await bus.execute(
      // One correlation for the whole replay: the audit shows it as one causal chain.
      new DomainCommand(planned.command, {
        actor: SYSTEM_ACTOR,
        commandId: planned.commandId,
        correlationId: 'demo-seeds',
      }),
    );
    appended += result.appended;
    onProgress(index + 1, total);
  }
  for (const [index, account] of DEMO_ACCOUNTS.entries()) {
    await provisionUser(app, { ...account, password: DEMO_PASSWORD });
    onProgress(commands.length + index + 1, total);
  }
  return {
    commands: commands.length,
    appended,
    places: { registered: places.registered, skipped: places.skipped },
  };
}

/** A one-line progress bar on a terminal; a few milestones otherwise. */
export function progressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
  format: (count: number) => string = String,
) {
  let lastShown = -1;
  return (done: number, total: number) => {
    const ratio = total === 0 ? 1 : done / total;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(ratio * width);
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${format(done)}/${format(total)}`,
      );
      if (done === total) stream.write('\n');
    } else {
      const quarter = Math.floor(ratio * 4);
      if (quarter !== lastShown) {
        lastShown = quarter;
        stream.write(`${label} : ${format(done)}/${format(total)}\n`);
      }
    }
  };
}

/** CPTS Centre Hérault over its territory's communes (from the open data, when present). */
function demoOffers(app: INestApplication, seeds: NonNullable<ReturnType<typeof loadSeeds>>) {
  const communes = app.get(CommuneLookup);
  return planDemoOffers(seeds, communes.territory('pays-coeur-herault'), (insee) => communes.get(insee));
}

/**
 * The seeds' named places that are offers FINESS does not list, at their commune's centre.
 * FINESS is read from the open data's extract (the directory may not hold it yet: the import
 * runs after the demo); without it, no place is registered rather than twice.
 */
function placeOffers(app: INestApplication, seeds: NonNullable<ReturnType<typeof loadSeeds>>) {
  const file = sharedFinessFile(app.get<string>(OFFERS_OPEN_DATA_DIR));
  if (!file) return { commands: [], registered: [], skipped: [] };
  const listed: ListedOffer[] = parseFiness(readFileSync(file)).establishments.flatMap((establishment) => {
    const kind = kindOfEstablishment(establishment);
    return kind ? [{ kind, name: establishment.name, communeInsee: establishment.communeInsee }] : [];
  });
  const communes = app.get(CommuneLookup);
  const named = (name: string) =>
    communes.search(name, 20).filter((commune) => searchKey(commune.name) === searchKey(name));
  return planPlaceOffers(seeds, named, listed);
}
