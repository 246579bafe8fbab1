import { describe, expect, it } from 'vitest';
import { prsObjectiveKey, prsObjectiveLine, prsObjectivesOf } from './prs.js';

describe('PRS objectives of annex 2 in a fiche’s links', () => {
  const objective = {
    plan: 'PRS Occitanie 2023-2028',
    engagement: 3,
    defi: 1,
    label: "Renforcer l'accès aux soins de proximité",
  };

  it('reads back the line it writes, and leaves other links aside', () => {
    const line = prsObjectiveLine(objective);
    expect(line).toBe(
      "Annexe 2, PRS Occitanie 2023-2028 — engagement 3, défi 1 : Renforcer l'accès aux soins de proximité",
    );
    expect(prsObjectivesOf([line, 'Ma Santé 2022', 'PRSE 4'])).toEqual([objective]);
    expect(prsObjectivesOf(undefined)).toEqual([]);
  });

  it('keys an objective by its table, engagement and défi, whatever its label', () => {
    const otherwise: typeof objective = { ...objective, label: 'autrement écrit' };
    expect(prsObjectiveKey(objective)).toBe(prsObjectiveKey(otherwise));
  });
});
