import { describe, expect, it } from 'vitest';
import { planDemo } from './plan.js';
import { defaultSharedDir, loadSeeds } from './seeds.js';

const seeds = loadSeeds(defaultSharedDir());
if (!seeds) console.log('[demo] means tests skipped: no seeds under ../shared (set SHARED_DIR).');

describe.skipIf(!seeds)('the contracts’ means, as the seeds state them', () => {
  const commands = seeds ? planDemo(seeds) : [];
  const contract = (id: string) => seeds?.contracts.find((each) => each.id === id);
  const of = (type: string, contractId: string) =>
    commands
      .filter(({ command }) => command.type === type && command.contractId === contractId)
      .map(({ command }) => command);
  const seedText = (id: string) => JSON.stringify(contract(id));

  it('records every funding line from the seed’s own words, with no yearly amount the seed does not date', () => {
    for (const id of ['cls-coeur-herault-2024', 'cls-grand-perigueux-2019']) {
      for (const line of of('PlanFundingLine', id)) {
        expect(line.amounts).toEqual([]);
        const source = String(line.source).replace(/^Engagement de la signature : /, '');
        expect(seedText(id)).toContain(JSON.stringify(source).slice(1, -1));
      }
    }
  });

  it('loads Grand Périgueux’s signatories that commit to fund the coordination’s post, and no other', () => {
    const lines = of('PlanFundingLine', 'cls-grand-perigueux-2019');
    const committing = (contract('cls-grand-perigueux-2019')?.signatories ?? []).filter((signatory) =>
      (signatory.commitments ?? []).some((words) => /financement du poste de coordinat/i.test(words)),
    );
    expect(committing.map((signatory) => signatory.organisation)).toEqual([
      'Agence Régionale de Santé (ARS) Nouvelle-Aquitaine',
      "Communauté d'agglomération le Grand Périgueux",
      'Préfecture de la Dordogne (État)',
      'Conseil départemental de la Dordogne',
    ]);
    expect(lines).toHaveLength(committing.length);
    expect(lines.every((line) => line.actionId === undefined)).toBe(true);
    expect(lines.map((line) => line.source)).toContainEqual(expect.stringMatching(/15 000 € annuel/));
  });

  it('loads the Cœur d’Hérault coordination’s four posts in its adoption year, employed by its porteur', () => {
    const staff = of('RecordStaffTime', 'cls-coeur-herault-2024');
    expect(staff.map(({ role, fte, year }) => [role, fte, year])).toEqual([
      ['Chargée de mission CLS (poste à 80 %)', 0.7, 2024],
      ['Chargée de mission CLS (poste à 100 %)', 0.5, 2024],
      ['Chargée de mission CLSM (poste à 80 %)', 0.3, 2024],
      ['Chargée de mission CLSM (poste à 100 %)', 0.5, 2024],
    ]);
    const porteur = commands.find(
      ({ command }) =>
        command.type === 'RegisterOrganisation' && command.organisationId === staff[0]?.organisationId,
    );
    expect(porteur?.command.name).toBe("Pays Cœur d'Hérault (SYDEL)");
    for (const { source } of staff) expect(seedText('cls-coeur-herault-2024')).toContain(String(source));
  });

  it('loads the calls for projects the fiches name, and the CLSM and PF34 funding, after the actions they name', () => {
    const calls = of('RecordCallForProjects', 'cls-coeur-herault-2024');
    expect(calls.map((call) => [call.title, call.actionIds])).toEqual([
      ["Appel à Projet FIOP – ARS pour la mise en place de l'EMPP", ['cls-coeur-herault-2024.2.1-A1']],
      ['Appel à Projet GEM – ARS', []],
    ]);
    const pf34 = of('PlanFundingLine', 'cls-coeur-herault-2024').find((line) => line.actionId !== undefined);
    expect(pf34?.actionId).toBe('cls-coeur-herault-2024.3.3-A1');
    const planned = commands.findIndex(({ key }) => key === 'cls-coeur-herault-2024:action:3.3-A1');
    const funded = commands.findIndex(({ key }) => key === 'cls-coeur-herault-2024:means:funding:pmpss-pf34');
    expect(planned).toBeGreaterThanOrEqual(0);
    expect(funded).toBeGreaterThan(planned);
  });

  it('registers each funder once, before the means that name it', () => {
    const registered = commands.filter(({ command }) => command.type === 'RegisterOrganisation');
    expect(new Set(registered.map(({ key }) => key)).size).toBe(registered.length);
    for (const [index, { command }] of commands.entries()) {
      const named =
        command.funderId ?? (command.type === 'RecordStaffTime' ? command.organisationId : undefined);
      if (named === undefined) continue;
      const registration = commands.findIndex(
        ({ command: other }) => other.type === 'RegisterOrganisation' && other.organisationId === named,
      );
      expect(registration).toBeGreaterThanOrEqual(0);
      expect(registration).toBeLessThan(index);
    }
  });
});
