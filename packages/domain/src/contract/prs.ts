/**
 * A fiche's links to the regional health plan (PRS) are kept as lines of text
 * (`prsLinks`), as the contracts write them. The objectives of annex 2 — a table
 * (« PRS Occitanie 2023-2028 », « STS Hérault 2023-2028 »), an engagement, a défi —
 * are written in one form, so the portfolio can tell which objectives a contract
 * serves and which none does: this file is that form's one home.
 */

/** An objective of a PRS table named by a fiche (annex 2). */
export interface PrsObjective {
  /** The table: « PRS Occitanie 2023-2028 », « STS Hérault 2023-2028 »… */
  plan: string;
  engagement: number;
  defi: number;
  label: string;
}

/** The line a fiche's `prsLinks` holds for an objective of annex 2. */
export const prsObjectiveLine = ({ plan, engagement, defi, label }: PrsObjective): string =>
  `Annexe 2, ${plan} — engagement ${engagement}, défi ${defi} : ${label}`;

const LINE = /^Annexe 2, (.+?) — engagement (\d+), défi (\d+) : (.+)$/;

/** The annex 2 objectives among a fiche's PRS links (other lines: orientations, frameworks, left aside). */
export function prsObjectivesOf(lines: readonly string[] | undefined): PrsObjective[] {
  return (lines ?? []).flatMap((line) => {
    const match = LINE.exec(line.trim());
    if (!match?.[1] || !match[4]) return [];
    return [{ plan: match[1], engagement: Number(match[2]), defi: Number(match[3]), label: match[4] }];
  });
}

/** One key per objective: its table, engagement and défi (labels vary a little from fiche to fiche). */
export const prsObjectiveKey = ({
  plan,
  engagement,
  defi,
}: Pick<PrsObjective, 'plan' | 'engagement' | 'defi'>) => `${plan}|${engagement}|${defi}`;
