import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_SCHEMAS } from '@cls/domain';
import { describe, expect, it } from 'vitest';
import { planDemo } from './plan.js';
import { defaultSharedDir, loadSeeds } from './seeds.js';

const sharedDir = defaultSharedDir();
const seeds = loadSeeds(sharedDir);
if (!seeds) console.log(`[demo] seed plan tests skipped: no seeds under ${sharedDir} (set SHARED_DIR).`);

describe.skipIf(!seeds)('the demo replay plan of ../shared/seeds', () => {
  const commands = seeds ? planDemo(seeds) : [];
  const of = (type: string, contractId: string) =>
    commands.filter(({ command }) => command.type === type && command.contractId === contractId);

  it('passes the commands’ own schemas, every one of them', () => {
    for (const { key, command } of commands) {
      const result = COMMAND_SCHEMAS[command.type].safeParse(command);
      expect(result.success, `${key}: ${result.error?.issues[0]?.message}`).toBe(true);
    }
  });

  it('replays the Cœur d’Hérault 2024 contract as the seed file counts it', () => {
    const seed = JSON.parse(
      readFileSync(join(sharedDir, 'seeds/contracts/cls-coeur-herault-2024.json'), 'utf8'),
    ) as { axes: Array<{ fiches: Array<{ actions: Array<{ deliverables: unknown[] }> }> }> };
    const id = 'cls-coeur-herault-2024';
    const actions = of('PlanAction', id);
    expect(of('DefineAxis', id)).toHaveLength(4);
    expect(of('DefineFicheAction', id)).toHaveLength(15);
    expect(actions).toHaveLength(42);
    const deliverables = actions.flatMap(({ command }) => command.plannedDeliverables as unknown[]);
    expect(deliverables).toHaveLength(84);
    expect(deliverables).toHaveLength(
      seed.axes.flatMap((axis) =>
        axis.fiches.flatMap((fiche) => fiche.actions.flatMap((a) => a.deliverables)),
      ).length,
    );
  });

  it('keeps the uncertainty of planned years visible instead of inventing them', () => {
    const actions = of('PlanAction', 'cls-coeur-herault-2024');
    const uncertain = actions.filter(
      ({ command }) => (command.plannedYears as { uncertain: boolean }).uncertain,
    );
    expect(uncertain).toHaveLength(36);
    const readable = actions.find(({ command }) => command.code === '1.4-A1');
    expect(readable?.command.plannedYears).toMatchObject({ years: [2024, 2025], uncertain: false });
  });

  it('records each of the 37 facts of the 2019 report with its date and precision', () => {
    const facts = of('RecordFact', 'cls-coeur-herault-2019');
    expect(facts).toHaveLength(37);
    for (const fact of seeds?.history ?? []) {
      const recorded = facts.find(({ command }) => command.factId === fact.id)?.command;
      expect(recorded).toMatchObject({
        date: fact.date,
        precision: fact.precision,
        dateInferred: Boolean(fact.inferred),
      });
    }
  });

  it('signs only the contracts whose source dates the signature, with that precision', () => {
    const signatures = commands.filter(({ command }) => command.type === 'SignContract');
    expect(
      signatures.map(({ command }) => [command.contractId, command.signedOn, command.signedOnPrecision]),
    ).toEqual([['cls-carcassonne', '2024-02-01', 'month']]);
  });

  it('names each signer with a subject of their own, the same at every replay', () => {
    const signers = (planned: typeof commands) =>
      planned
        .filter(({ command }) => command.type === 'DraftContract')
        .flatMap(({ command }) => command.parties as Array<{ signer?: string; signerId?: string }>)
        .filter((party) => party.signer !== undefined);
    const named = signers(commands);
    // Grand Périgueux names its 14 signers; the other sources name none.
    expect(named).toHaveLength(14);
    expect(named.every((party) => party.signerId?.startsWith('person-'))).toBe(true);
    expect(new Set(named.map((party) => party.signerId)).size).toBe(14);
    expect(signers(seeds ? planDemo(seeds) : [])).toEqual(named);
  });

  it('gives every command a stable id, so that replaying twice changes nothing', () => {
    const again = seeds ? planDemo(seeds) : [];
    expect(again.map((planned) => planned.commandId)).toEqual(commands.map((planned) => planned.commandId));
    expect(new Set(commands.map((planned) => planned.commandId)).size).toBe(commands.length);
  });
});
