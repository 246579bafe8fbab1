import { COMMAND_SCHEMAS } from '@cls/domain';
import { describe, expect, it } from 'vitest';
import { planDemoOffers, sourceDateOf } from './offers.js';
import { defaultSharedDir, loadSeeds } from './seeds.js';

const seeds = loadSeeds(defaultSharedDir());

describe.skipIf(!seeds)('the demo’s CPTS Centre Hérault', () => {
  const territory = { id: 'pays-coeur-herault', name: "Pays Cœur d'Hérault", communes: ['34142', '34079'] };
  const centres: Record<string, { lon: number; lat: number }> = {
    '34142': { lon: 3.3, lat: 43.7 },
    '34079': { lon: 3.4, lat: 43.6 },
  };
  const commands = seeds ? planDemoOffers(seeds, territory, (insee) => centres[insee]) : [];

  it('is verified on the date of its latest source, not on the day of the replay', () => {
    // places.json: cpts-centre-herault « mentionedIn » 000 and 001; in 000, the last « Date de mise à jour : 26/07/24 » (fiches 1.3, 1.4…).
    const place = seeds?.places.find((candidate) => candidate.id === 'cpts-centre-herault');
    expect(place?.mentionedIn).toContain('000_7a43d39a64d80550.txt');
    expect(place && seeds && sourceDateOf(seeds, place)).toBe('2024-07-26');
    expect(commands.map(({ command }) => [command.type, command.verifiedOn ?? command.declaredOn])).toEqual([
      ['RegisterOffer', '2024-07-26'],
      ['DeclareCoverage', '2024-07-26'],
    ]);
    for (const { command } of commands)
      expect(COMMAND_SCHEMAS[command.type].safeParse(command).success).toBe(true);
  });

  it('is linked to no action: no seed says an action of the contract produced it', () => {
    // places.json facts: « Pilote ou partenaire de plusieurs actions du CLS 2024-2029 » — a pilot, not a deliverable.
    expect(commands.some(({ command }) => command.type === 'LinkOfferToAction')).toBe(false);
  });

  it('is not declared when its sources give no date', () => {
    const undated = seeds && {
      ...seeds,
      places: seeds.places.map((place) => ({ ...place, mentionedIn: ['999_inconnu.txt'] })),
    };
    expect(undated && planDemoOffers(undated, territory, (insee) => centres[insee])).toEqual([]);
  });
});
