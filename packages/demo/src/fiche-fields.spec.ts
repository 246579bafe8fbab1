import { COMMAND_SCHEMAS } from '@cls/domain';
import { describe, expect, it } from 'vitest';
import { planDemo } from './plan.js';
import { defaultSharedDir, loadSeeds, type SeedContract } from './seeds.js';

const seeds = loadSeeds(defaultSharedDir());

describe.skipIf(!seeds)('the plans of the seeds, with every field their extraction gives', () => {
  const commands = seeds ? planDemo(seeds) : [];
  const contract = (id: string) => seeds?.contracts.find((candidate) => candidate.id === id) as SeedContract;
  const planned = (type: string, contractId: string, code: string) =>
    commands.find(
      ({ command }) => command.type === type && command.contractId === contractId && command.code === code,
    )?.command;
  // What the command side records: the command as its schema returns it.
  const fiche = (contractId: string, code: string) => {
    const command = planned('DefineFicheAction', contractId, code);
    return command && COMMAND_SCHEMAS.DefineFicheAction.parse(command);
  };
  const axis = (contractId: string, code: string) => {
    const command = planned('DefineAxis', contractId, code);
    return command && COMMAND_SCHEMAS.DefineAxis.parse(command);
  };

  it('carries each Cœur d’Hérault fiche’s lists as the seed gives them', () => {
    for (const seedAxis of contract('cls-coeur-herault-2024').axes) {
      for (const seedFiche of seedAxis.fiches ?? []) {
        const recorded = fiche('cls-coeur-herault-2024', seedFiche.code);
        // Seed fields expectedResults, means, prerequisites, presentation, territory, updatedOn, indicators[].label.
        expect(recorded).toMatchObject({
          expectedResults: seedFiche.expectedResults,
          means: seedFiche.means,
          prerequisites: seedFiche.prerequisites,
          presentation: seedFiche.presentation,
          territory: seedFiche.territory,
          updatedOn: seedFiche.updatedOn,
          updatedOnPrecision: 'day',
          indicators: (seedFiche.indicators ?? []).map((indicator) => ({ label: indicator.label })),
        });
      }
    }
  });

  it('says fiche 1.1’s context, diagnostic, coordinator’s role and PRS links in the source’s words', () => {
    const recorded = fiche('cls-coeur-herault-2024', '1.1');
    // context.source: « Diagnostic local de santé 2023 du Cœur d'Hérault (publié en janvier 2024). »
    expect(recorded?.context).toBe(
      "Source du diagnostic : Diagnostic local de santé 2023 du Cœur d'Hérault (publié en janvier 2024).",
    );
    // context.assessment[0]: theme « Médecine spécialisée », strengths « Une offre de 28 spécialités… ».
    expect(recorded?.diagnostic).toMatch(
      /^Médecine spécialisée\nAtouts : Une offre de 28 spécialités sur le Cœur d'Hérault, dont 19 en secteur 1\nFaiblesses : Une prédominance des spécialités à temps partiel ; /,
    );
    // coordinatorRole[0].heading, then its tasks.
    expect(recorded?.coordinatorRole?.[0]).toMatch(/^Pour l'action 1 qui vise à faciliter l'accueil/);
    expect(recorded?.coordinatorRole).toContain("Production et partage d'éléments de diagnostic");
    // prsLinks.annex2.prs2023_2028.defis[0]: engagement 3, défi 1.
    expect(recorded?.prsLinks).toContain(
      "Annexe 2, PRS Occitanie 2023-2028 — engagement 3, défi 1 : Renforcer l'accès aux soins de proximité et les pratiques, organisations et techniques innovantes",
    );
    expect(recorded?.prsLinks).toContain('Ma Santé 2022');
  });

  it('keeps an axis’ own words: the CLSM coordinating axis 2, Loue-Lison’s descriptions, Grand Périgueux’s stakes, Carcassonne’s challenges', () => {
    // cls-coeur-herault-2024.json axes[1].coordinatedBy.
    expect(axis('cls-coeur-herault-2024', '2')?.description).toBe(
      "Coordonné par : Conseil Local de Santé Mentale (CLSM) du Cœur d'Hérault, mis en place en 2019",
    );
    expect(axis('cls-coeur-herault-2024', '1')?.description).toBeUndefined();
    for (const seedAxis of contract('cls-loue-lison-2024').axes) {
      expect(axis('cls-loue-lison-2024', seedAxis.code)?.description).toBe(seedAxis.description);
    }
    for (const seedAxis of contract('cls-grand-perigueux-2019').axes) {
      expect(axis('cls-grand-perigueux-2019', seedAxis.code)?.description).toBe(
        `Enjeux :\n${(seedAxis.stakes ?? []).join('\n')}`,
      );
    }
    const [first] = contract('cls-carcassonne').axes;
    const carcassonne = axis('cls-carcassonne', first?.code ?? '')?.description;
    expect(carcassonne).toContain(`Défis territoriaux :\n${(first?.challenges ?? []).join('\n')}`);
    // exampleActions: « 2024 : Chèques alimentaires jeunesse »…, text of the axis, not actions.
    expect(carcassonne).toContain('2024 : Chèques alimentaires jeunesse');
  });

  it('carries the PRSE link of three Loue-Lison fiches, and leaves out what a fiche does not say', () => {
    const lieLinks = contract('cls-loue-lison-2024')
      .axes.flatMap((seedAxis) => seedAxis.fiches ?? [])
      .map((seedFiche) => [seedFiche.code, fiche('cls-loue-lison-2024', seedFiche.code)?.prsLinks]);
    // prsLinks: { framework: « PRSE 4 », basis: « axe 5 text » } on three fiches, null elsewhere.
    expect(lieLinks.filter(([, links]) => links !== undefined).map(([, links]) => links)).toEqual([
      ['PRSE 4'],
      ['PRSE 4'],
      ['PRSE 4'],
    ]);
    const bare = fiche('cls-carcassonne', '1');
    for (const field of ['context', 'diagnostic', 'means', 'expectedResults', 'indicators', 'updatedOn'])
      expect(bare, field).not.toHaveProperty(field);
  });

  it('plans no action a source does not give: the titles-only fiches of Carcassonne and Loue-Lison have none', () => {
    const actions = (contractId: string) =>
      commands.filter(({ command }) => command.type === 'PlanAction' && command.contractId === contractId);
    // README counts: Actions 42, 0 (titles only), 0 (titles only), 53.
    expect(actions('cls-coeur-herault-2024')).toHaveLength(42);
    expect(actions('cls-carcassonne')).toHaveLength(0);
    expect(actions('cls-loue-lison-2024')).toHaveLength(0);
    expect(actions('cls-grand-perigueux-2019')).toHaveLength(53);
  });
});
