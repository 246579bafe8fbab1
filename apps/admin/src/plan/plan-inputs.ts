/** How the plan editor's inputs become a plan command's values (pure: tested in plan-inputs.spec.ts). */

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * Planned years as a coordinator types them: « 2025, 2026 », « 2025 2027 » or a span
 * « 2025-2027 » (« 2025 à 2027 »). What is not a year stays in the list as NaN, so the
 * command's schema says « année attendue » beside the input instead of dropping it.
 */
export function parseYears(text: string): number[] {
  const years: number[] = [];
  const spans = text
    .replace(/\s+(?:à|a)\s+/gi, '-')
    .split(/[,;\s]+/)
    .filter(Boolean);
  for (const span of spans) {
    const range = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(span);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      // A reversed or absurd span is left to the schema as one invalid value.
      if (to < from || to - from > 20) years.push(Number.NaN);
      else for (let year = from; year <= to; year++) years.push(year);
    } else years.push(/^\d{4}$/.test(span) ? Number(span) : Number.NaN);
  }
  return [...new Set(years)];
}

/** The years back as the input shows them. */
export const yearsText = (years: readonly number[]) => years.join(', ');

export interface PlannedDeliverableInput {
  deliverableId: string;
  title: string;
}

/**
 * Planned deliverables, one a line. Those already planned keep their id when their title
 * is unchanged (a deliverable produced stays linked); new lines get the next free `L<n>`.
 */
export function parseDeliverables(
  text: string,
  existing: readonly PlannedDeliverableInput[] = [],
): PlannedDeliverableInput[] {
  const byTitle = new Map(existing.map((deliverable) => [deliverable.title, deliverable.deliverableId]));
  const used = new Set(existing.map((deliverable) => deliverable.deliverableId));
  let next = 1;
  const freeId = () => {
    while (used.has(`L${next}`)) next++;
    used.add(`L${next}`);
    return `L${next}`;
  };
  const taken = new Set<string>();
  return lines(text).map((title) => {
    const known = byTitle.get(title);
    if (known && !taken.has(known)) {
      taken.add(known);
      return { deliverableId: known, title };
    }
    return { deliverableId: freeId(), title };
  });
}

/** An action's id on its contract: `<contract>.<code>`, as the demo's (`cls-x.1.1-A1`). */
export const actionIdOf = (contractId: string, code: string) => `${contractId}.${code.trim()}`;

/** Organisations typed one a line (until the directory's picker lands), without repeats. */
export const organisationsOf = (text: string) => [...new Set(lines(text))];
