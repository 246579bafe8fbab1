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

  it('loads the 72 Cœur d’Hérault indicators before the signature, untyped, counts summed', () => {
    const id = 'cls-coeur-herault-2024';
    const indicators = of('DefineIndicator', id);
    expect(indicators).toHaveLength(72);
    const ids = indicators.map(({ command }) => command.indicatorId);
    expect(new Set(ids).size).toBe(72);
    expect(ids[0]).toBe(`${id}.1.1.I1`);
    const signature = commands.findIndex(({ key }) => key === `${id}:sign`);
    const lastIndicator = commands.findLastIndex(({ command }) => command.type === 'DefineIndicator');
    expect(lastIndicator).toBeLessThan(signature);
    for (const { command } of indicators) {
      expect(command).not.toHaveProperty('targets');
      expect(command).not.toHaveProperty('baseline');
      expect(command.kind).toBeNull();
      expect(command.aggregation).toBe(/^Nombre\b/.test(String(command.label)) ? 'sum' : 'latest');
      // In force since 2024 (its annexes say so): the catalogue and the bodies take effect then, not on the replay's day.
      expect(command).toMatchObject({ effectiveOn: '2024-01-01', effectiveOnPrecision: 'year' });
    }
    for (const { command } of of('DefineGovernanceBody', id))
      expect(command).toMatchObject({ effectiveOn: '2024-01-01', effectiveOnPrecision: 'year' });
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

  it('signs only the contracts the sources show adopted, with the precision they give', () => {
    const signatures = commands.filter(({ command }) => command.type === 'SignContract');
    expect(
      signatures.map(({ command }) => [command.contractId, command.signedOn, command.signedOnPrecision]),
    ).toEqual([
      // cls-coeur-herault-2024.json: conventions[].status « annexée au CLS 2024-2029 », signedOn null: the year, not the day.
      ['cls-coeur-herault-2024', '2024-01-01', 'year'],
      // cls-carcassonne.json: "signedOn": "2024-02".
      ['cls-carcassonne', '2024-02-01', 'month'],
      // history-coeur-herault-2019.json, cdh2019-04: kind contract_in_force, date « 2019/2023 ».
      ['cls-coeur-herault-2019', '2019-01-01', 'year'],
    ]);
    // Loue-Lison (« no signature date is given ») and Grand Périgueux (signedOn null) stay drafts.
    const signed = new Set(signatures.map(({ command }) => command.contractId));
    expect(signed.has('cls-loue-lison-2024') || signed.has('cls-grand-perigueux-2019')).toBe(false);
  });

  it('defines every contract’s plan before its signature: after it, the plan changes only through an avenant', () => {
    const signedAt = new Map<string, number>();
    for (const [index, { command }] of commands.entries()) {
      if (command.type === 'SignContract') signedAt.set(String(command.contractId), index);
    }
    expect(signedAt.size).toBeGreaterThan(0);
    const late = commands
      .map(({ key, command }, index) => ({ key, command, index }))
      .filter(({ command, index }) => {
        if (!['DefineAxis', 'DefineFicheAction', 'PlanAction'].includes(command.type)) return false;
        const signature = signedAt.get(String(command.contractId));
        return signature !== undefined && index > signature;
      })
      .map(({ key }) => key);
    expect(late).toEqual([]);
  });

  it('signs the Cœur d’Hérault 2024 contract with its four parties, the inferred ones said so', () => {
    const [signature] = of('SignContract', 'cls-coeur-herault-2024');
    // cls-coeur-herault-2024.json signatories: CPAM and CHU stated, ARS Occitanie and the Pays « inferred: true ».
    expect(signature?.command.signatories).toEqual([
      { organisation: "Caisse Primaire d'Assurance Maladie (CPAM) de l'Hérault" },
      { organisation: 'CHU de Montpellier' },
      { organisation: 'ARS Occitanie', inferred: true },
      { organisation: "Pays Cœur d'Hérault (SYDEL)", inferred: true },
    ]);
  });

  it('dates the plan of a contract the sources show adopted at that adoption, not at the replay', () => {
    // The Cœur d'Hérault 2024 plan is the plan of a contract in force in 2024 (see above); Carcassonne's was signed in February 2024.
    for (const [contractId, effectiveOn, effectiveOnPrecision] of [
      ['cls-coeur-herault-2024', '2024-01-01', 'year'],
      ['cls-carcassonne', '2024-02-01', 'month'],
      ['cls-coeur-herault-2019', '2019-01-01', 'year'],
    ]) {
      const plan = ['DraftContract', 'DefineAxis', 'DefineFicheAction', 'PlanAction'].flatMap((type) =>
        of(type, contractId ?? ''),
      );
      expect(plan.length).toBeGreaterThan(1);
      for (const { key, command } of plan) {
        expect({
          key,
          effectiveOn: command.effectiveOn,
          effectiveOnPrecision: command.effectiveOnPrecision,
        }).toEqual({
          key,
          effectiveOn,
          effectiveOnPrecision,
        });
      }
    }
    // No date in the sources: the plan takes effect when recorded.
    for (const contractId of ['cls-loue-lison-2024', 'cls-grand-perigueux-2019']) {
      const plan = ['DraftContract', 'DefineAxis', 'DefineFicheAction', 'PlanAction'].flatMap((type) =>
        of(type, contractId),
      );
      expect(plan.every(({ command }) => command.effectiveOn === undefined)).toBe(true);
    }
  });

  it('dates the annexes « annexée au CLS 2024-2029 » at the contract’s adoption, not the one « en création »', () => {
    const conventions = of('DraftConvention', 'cls-coeur-herault-2024').map(({ command }) => [
      command.conventionId,
      command.effectiveOn,
    ]);
    // conventions[].status: annexes 6, 7 and 9 « annexée au CLS 2024-2029 », annex 8 « document en création ».
    expect(conventions).toEqual([
      ['cls-ch-2024-annexe6-cpam', '2024-01-01'],
      ['cls-ch-2024-annexe7-chu', '2024-01-01'],
      ['cls-ch-2024-annexe8-cpts', undefined],
      ['cls-ch-2024-annexe9-contrats-de-ville', '2024-01-01'],
    ]);
  });

  it('records the 2019-2023 contract as the report shows it: in force from 2019, its signatories unknown, closed at the end of 2023', () => {
    // history-coeur-herault-2019.json, cdh2019-04: « CLS Cœur d'Hérault 2019-2023 », kind contract_in_force, date « 2019/2023 ».
    const fact = seeds?.history.find((candidate) => candidate.id === 'cdh2019-04');
    expect(fact).toMatchObject({ kind: 'contract_in_force', date: '2019/2023', precision: 'period' });
    const id = 'cls-coeur-herault-2019';
    expect(of('SignContract', id).map(({ command }) => command)).toEqual([
      {
        type: 'SignContract',
        contractId: id,
        signedOn: '2019-01-01',
        signedOnPrecision: 'year',
        signatories: [],
        signatoriesUnknown: true,
      },
    ]);
    const ofContract = commands.filter(({ command }) => command.contractId === id);
    // Closed last, after its facts were recorded, on the last day of its period.
    expect(ofContract.at(-1)?.command).toMatchObject({ type: 'CloseContract', closedOn: '2023-12-31' });
    expect(ofContract.filter(({ command }) => command.type === 'CloseContract')).toHaveLength(1);
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

  it('records the dated history each contract’s source gives, with its precision, inferred or planned as said', () => {
    // cls-coeur-herault-2024.json timeline (16 facts), cls-grand-perigueux-2019.json timeline (7), cls-carcassonne.json milestones (13).
    expect(of('RecordFact', 'cls-coeur-herault-2024')).toHaveLength(16);
    expect(of('RecordFact', 'cls-grand-perigueux-2019')).toHaveLength(7);
    expect(of('RecordFact', 'cls-carcassonne')).toHaveLength(13);
    expect(of('RecordFact', 'cls-loue-lison-2024')).toHaveLength(0);
    const fact = (contractId: string, factId: string) =>
      of('RecordFact', contractId).find(({ command }) => command.factId === factId)?.command;
    // Carcassonne milestones[11]: { date: « 2024-02 », precision: month, label: « Signature du CLS » }.
    expect(fact('cls-carcassonne', 'cls-carcassonne-jalon-12')).toMatchObject({
      kind: 'milestone',
      subject: 'Signature du CLS',
      date: '2024-02',
      precision: 'month',
      planned: false,
    });
    // milestones[12]: « Évaluations des actions », 2024-12, planned: true.
    expect(fact('cls-carcassonne', 'cls-carcassonne-jalon-13')).toMatchObject({ planned: true });
    // Cœur d'Hérault timeline[11]: 2023-11-10, « inferred »: true (the referential's pre-filled answer).
    expect(fact('cls-coeur-herault-2024', 'cls-coeur-herault-2024-chronologie-12')).toMatchObject({
      date: '2023-11-10',
      dateInferred: true,
      source: 'annexe 4',
    });
    // Grand Périgueux timeline[4]: figures { participants: 27 }.
    expect(fact('cls-grand-perigueux-2019', 'cls-grand-perigueux-2019-chronologie-5')).toMatchObject({
      kind: 'meeting_held',
      figures: { participants: 27 },
    });
  });

  it('drafts each contract with the porteur, previous contract and commitments its seed gives', () => {
    const [coeurHerault] = of('DraftContract', 'cls-coeur-herault-2024');
    // territory.carrier « Pays Cœur d'Hérault (SYDEL), Ecoparc … » (its name); previousContract; signatories[].commitments.
    expect(coeurHerault?.command).toMatchObject({
      porteur: "Pays Cœur d'Hérault (SYDEL)",
      previousContractId: 'cls-coeur-herault-2019',
    });
    expect(coeurHerault?.command.commitments).toEqual([
      {
        organisation: "Caisse Primaire d'Assurance Maladie (CPAM) de l'Hérault",
        other: expect.stringMatching(
          /^Porter les actions de l'annexe 6 : .*\nÉchanges techniques réguliers avec le CLS \(annexe 6\)$/,
        ),
      },
      {
        organisation: 'CHU de Montpellier',
        other: expect.stringMatching(/^Porter les actions de l'annexe 7 : /),
      },
    ]);
    // Carcassonne: no carrier, no commitment, no previous contract in its seed.
    const [carcassonne] = of('DraftContract', 'cls-carcassonne');
    for (const field of ['porteur', 'previousContractId', 'commitments'])
      expect(carcassonne?.command, field).not.toHaveProperty(field);
    // Grand Périgueux: 14 signatories, their commitments column kept as each party's.
    expect(of('DraftContract', 'cls-grand-perigueux-2019')[0]?.command.commitments).toHaveLength(14);
    // The territory's count when the seed names only some communes (4 of 77, 3 of 43).
    expect(coeurHerault?.command.territory).toMatchObject({ communeCount: 77 });
    expect(of('DraftContract', 'cls-grand-perigueux-2019')[0]?.command.territory).toMatchObject({
      communeCount: 43,
    });
    expect(carcassonne?.command.territory).not.toHaveProperty('communeCount');
    // Loue-Lison and Grand Périgueux name a previous contract the platform does not hold: no link.
    for (const id of ['cls-loue-lison-2024', 'cls-grand-perigueux-2019'])
      expect(of('DraftContract', id)[0]?.command, id).not.toHaveProperty('previousContractId');
  });

  it('gives every command a stable id, so that replaying twice changes nothing', () => {
    const again = seeds ? planDemo(seeds) : [];
    expect(again.map((planned) => planned.commandId)).toEqual(commands.map((planned) => planned.commandId));
    expect(new Set(commands.map((planned) => planned.commandId)).size).toBe(commands.length);
  });
});
