import { prsObjectiveLine } from '@cls/domain';

/**
 * What the seed fiches-actions and axes say beyond their titles, as the plan's
 * commands carry it (DefineAxis `description`, DefineFicheAction's fields): the
 * sources' words, only rearranged into text and lists. A field the seed does
 * not give is left out (never an empty string or list standing for « none »).
 */

/** The shape of a seed fiche's extra fields (Cœur d'Hérault 2024 has them all; the others some). */
export interface SeedFicheDetails {
  context?: {
    intro?: string[] | string | null;
    source?: string | null;
    assessment?: Array<{
      theme?: string | null;
      strengths?: string[];
      weaknesses?: string[];
      items?: string[];
    }>;
  } | null;
  territory?: string | null;
  presentation?: string[] | null;
  prerequisites?: string[] | null;
  expectedResults?: string[] | null;
  means?: string[] | null;
  coordinatorRole?: Array<{ heading?: string | null; tasks?: string[] }> | null;
  indicators?: Array<{ label?: string | null; type?: string | null }> | null;
  prsLinks?: {
    framework?: string;
    annex2?: Record<
      string,
      { heading?: string | null; defis?: Array<{ engagement?: number; defi?: number; label?: string }> }
    >;
    orientations?: string[];
    declinaisons?: Array<{
      framework?: string;
      axe?: number | string | null;
      engagement?: number | null;
      defi?: number | null;
      label?: string | null;
      operationalObjectives?: Array<{ code?: string | null; label?: string | null }>;
    }>;
  } | null;
  updatedOn?: string | null;
}

export interface SeedAxisDetails {
  /** Loue-Lison: the axis' description. */
  description?: string | null;
  /** Grand Périgueux: the axis' stakes. */
  stakes?: string[] | null;
  /** Carcassonne: the « défis territoriaux » of an ambition, and its example actions of 2023-2024. */
  challenges?: string[] | null;
  exampleActions?: Array<{ year?: number | null; label?: string | null }> | null;
  /** Cœur d'Hérault: who coordinates the axis (axis 2: the CLSM). */
  coordinatedBy?: string | null;
}

const texts = (values: unknown): string[] =>
  Array.isArray(values)
    ? values.filter((value): value is string => typeof value === 'string' && value.trim() !== '')
    : typeof values === 'string' && values.trim() !== ''
      ? [values]
      : [];

/** A text only when there is one. */
const text = (paragraphs: string[]) => (paragraphs.length > 0 ? paragraphs.join('\n\n') : undefined);

/** A list only when it has items. */
const list = (items: string[]) => (items.length > 0 ? items : undefined);

/** The annex 2 tables of the Cœur d'Hérault fiches, by their key in the seed. */
const ANNEX2_TABLES: Record<string, string> = {
  prs2023_2028: 'PRS Occitanie 2023-2028',
  stsHerault2023_2028: 'STS Hérault 2023-2028',
};

function prsLinksOf(links: NonNullable<SeedFicheDetails['prsLinks']>): string[] {
  const lines: string[] = [];
  if (links.framework) lines.push(links.framework);
  for (const [key, table] of Object.entries(links.annex2 ?? {})) {
    const name = ANNEX2_TABLES[key] ?? key;
    for (const defi of table.defis ?? []) {
      if (!defi.label) continue;
      // fiches 4.1 and 4.2 also name PRSE axes in the table, without engagement nor défi.
      lines.push(
        defi.engagement === undefined || defi.defi === undefined
          ? `Annexe 2, ${name} : ${defi.label}`
          : prsObjectiveLine({ plan: name, engagement: defi.engagement, defi: defi.defi, label: defi.label }),
      );
    }
  }
  lines.push(...texts(links.orientations));
  for (const declinaison of links.declinaisons ?? []) {
    const where = [
      declinaison.framework,
      declinaison.axe == null ? undefined : `axe ${declinaison.axe}`,
      declinaison.engagement == null ? undefined : `engagement ${declinaison.engagement}`,
      declinaison.defi == null ? undefined : `défi ${declinaison.defi}`,
    ]
      .filter(Boolean)
      .join(', ');
    const objectives = (declinaison.operationalObjectives ?? [])
      .filter((objective) => objective.label)
      .map((objective) =>
        objective.code ? `objectif opérationnel ${objective.code} : ${objective.label}` : objective.label,
      );
    const line = [where, declinaison.label].filter(Boolean).join(' : ');
    if (line) lines.push(objectives.length > 0 ? `${line} — ${objectives.join(' ; ')}` : line);
  }
  return lines;
}

/** The themes of a fiche's diagnostic table, strengths and weaknesses said as the source lays them out. */
function diagnosticOf(assessment: NonNullable<NonNullable<SeedFicheDetails['context']>['assessment']>) {
  return assessment.flatMap((row) => {
    const lines = [
      ...(texts(row.strengths).length > 0 ? [`Atouts : ${texts(row.strengths).join(' ; ')}`] : []),
      ...(texts(row.weaknesses).length > 0 ? [`Faiblesses : ${texts(row.weaknesses).join(' ; ')}`] : []),
      // Rows the layout put in one column only, without saying which reading holds.
      ...(texts(row.items).length > 0 ? [texts(row.items).join(' ; ')] : []),
    ];
    if (lines.length === 0) return [];
    return [[row.theme, ...lines].filter(Boolean).join('\n')];
  });
}

/** The fields of DefineFicheAction a seed fiche gives, beyond code, title, objectives, pilots, partners and publics. */
export function ficheDetailsOf(fiche: SeedFicheDetails) {
  const context = fiche.context ?? undefined;
  const indicators = (fiche.indicators ?? []).flatMap((indicator) =>
    indicator.label ? [{ label: indicator.label, ...(indicator.type ? { kind: indicator.type } : {}) }] : [],
  );
  const coordinatorRole = (fiche.coordinatorRole ?? []).flatMap((role) => [
    ...texts(role.heading),
    ...texts(role.tasks),
  ]);
  const details = {
    context: text([
      ...texts(context?.intro),
      ...(context?.source ? [`Source du diagnostic : ${context.source}`] : []),
    ]),
    diagnostic: text(diagnosticOf(context?.assessment ?? [])),
    territory: text(texts(fiche.territory)),
    presentation: list(texts(fiche.presentation)),
    prerequisites: list(texts(fiche.prerequisites)),
    expectedResults: list(texts(fiche.expectedResults)),
    means: list(texts(fiche.means)),
    coordinatorRole: list(coordinatorRole),
    prsLinks: list(fiche.prsLinks ? prsLinksOf(fiche.prsLinks) : []),
    indicators: indicators.length > 0 ? indicators : undefined,
    ...(fiche.updatedOn && /^\d{4}-\d{2}-\d{2}$/.test(fiche.updatedOn)
      ? { updatedOn: fiche.updatedOn, updatedOnPrecision: 'day' as const }
      : {}),
  };
  return Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined));
}

/** DefineAxis' description from what the seed says of an axis, labelled by what it is. */
export function axisDescriptionOf(axis: SeedAxisDetails): string | undefined {
  const examples = (axis.exampleActions ?? []).flatMap((example) =>
    example.label ? [example.year ? `${example.year} : ${example.label}` : example.label] : [],
  );
  return text([
    ...texts(axis.description),
    ...(texts(axis.stakes).length > 0 ? [`Enjeux :\n${texts(axis.stakes).join('\n')}`] : []),
    ...(texts(axis.challenges).length > 0
      ? [`Défis territoriaux :\n${texts(axis.challenges).join('\n')}`]
      : []),
    ...(examples.length > 0 ? [`Exemples d’actions donnés par la source :\n${examples.join('\n')}`] : []),
    ...(axis.coordinatedBy ? [`Coordonné par : ${axis.coordinatedBy}`] : []),
  ]);
}
