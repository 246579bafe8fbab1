import { type CommandType, PERSON_SUBJECT_PREFIX } from '@cls/domain';
import { axisDescriptionOf, ficheDetailsOf } from './fiche-fields.js';
import { planMeans } from './means.js';
import type { SeedContract, SeedFact, SeedSignatory, Seeds } from './seeds.js';
import { stableCommandId } from './stable-command-id.js';

/** One command of the replay, with the key its idempotent command id is derived from. */
export interface PlannedCommand {
  key: string;
  commandId: string;
  command: { type: CommandType } & Record<string, unknown>;
}

export const plan = (key: string, type: CommandType, payload: Record<string, unknown>): PlannedCommand => ({
  key,
  commandId: stableCommandId(`demo:${key}`),
  command: { type, ...payload },
});

const strings = (values: unknown): string[] =>
  Array.isArray(values)
    ? values.filter((value): value is string => typeof value === 'string' && value.trim() !== '')
    : [];

const signerOf = (signatory: SeedSignatory) =>
  typeof signatory.signer === 'string'
    ? signatory.signer
    : signatory.signer
      ? [signatory.signer.name, signatory.signer.title].filter(Boolean).join(', ')
      : undefined;

/**
 * The subject whose key seals a signer's name: derived from the contract and the
 * organisation, so that a replay names the same person again, in the draft and
 * in the signature alike (erasing them erases both).
 */
const signerIdOf = (contractId: string, organisation: string) =>
  `${PERSON_SUBJECT_PREFIX}${stableCommandId(`demo:${contractId}:signer:${organisation}`)}`;

function partiesOf(contract: SeedContract) {
  const seen = new Set<string>();
  return contract.signatories.flatMap((signatory) => {
    if (seen.has(signatory.organisation)) return [];
    seen.add(signatory.organisation);
    const signer = signerOf(signatory);
    return [
      {
        organisation: signatory.organisation,
        ...(signer ? { signer, signerId: signerIdOf(contract.id, signatory.organisation) } : {}),
        ...(signatory.inferred ? { inferred: true } : {}),
      },
    ];
  });
}

/** The id the demo gives the previous Cœur d'Hérault contract (2019-2023). */
export const PREVIOUS_CONTRACT_ID = 'cls-coeur-herault-2019';

/**
 * The one contract whose previous contract the demo records (seed 001's report):
 * Loue-Lison's and Grand Périgueux's seeds name theirs, which the platform does
 * not hold, so they link to none rather than to the Cœur d'Hérault one.
 */
const FOLLOWS_PREVIOUS_CONTRACT = 'cls-coeur-herault-2024';

/**
 * What a draft says beyond its parties, where the seed gives it: the porteur
 * (the carrier's name, without its address), the previous contract, and each
 * party's commitments as the source words them (neither money nor staff is
 * attributed to a party in the seeds).
 */
function setupOf(contract: SeedContract) {
  const porteur = contract.territory.carrier?.split(',')[0]?.trim();
  const seen = new Set<string>();
  const commitments = contract.signatories.flatMap((signatory) => {
    const words = strings(signatory.commitments);
    if (words.length === 0 || seen.has(signatory.organisation)) return [];
    seen.add(signatory.organisation);
    return [{ organisation: signatory.organisation, other: words.join('\n') }];
  });
  return {
    ...(porteur ? { porteur } : {}),
    ...(contract.previousContract && contract.id === FOLLOWS_PREVIOUS_CONTRACT
      ? { previousContractId: PREVIOUS_CONTRACT_ID }
      : {}),
    ...(commitments.length > 0 ? { commitments } : {}),
  };
}

/** A date of the sources with its precision: a day, or the first day of the month or year it gives. */
export interface SourceDate {
  date: string;
  precision: 'day' | 'month' | 'year';
}

/** `2024-02` → the 1st of February 2024, precision month; `2024` → 1 January, precision year. */
export function sourceDate(text: string): SourceDate {
  if (/^\d{4}$/.test(text)) return { date: `${text}-01-01`, precision: 'year' };
  if (/^\d{4}-\d{2}$/.test(text)) return { date: `${text}-01`, precision: 'month' };
  return { date: text, precision: 'day' };
}

/** The status the seeds give an annex of a contract in force: « annexée au CLS 2024-2029 ». */
const ANNEXED = /^annexée au CLS (\d{4})-(\d{4})$/;

/**
 * When the contract was adopted (signed), as its source says, or undefined when
 * it does not. Either the seed's `signedOn` (Carcassonne: « 2024-02 »), or, for a
 * contract whose annexes the source shows « annexée au CLS 2024-2029 » (the
 * Cœur d'Hérault 2024 annexes), the first year of its period: in force, so
 * signed, its day unknown (precision year).
 */
export function adoptionOf(contract: SeedContract): SourceDate | undefined {
  if (contract.signedOn) return sourceDate(contract.signedOn);
  const annexed = (contract.conventions ?? []).some((convention) => {
    const match = ANNEXED.exec(convention.status ?? '');
    return match !== null && Number(match[1]) === contract.period.start;
  });
  return annexed ? sourceDate(String(contract.period.start)) : undefined;
}

/** The business date of a plan recorded after its adoption; nothing when the source gives none. */
const effective = (adoption: SourceDate | undefined) =>
  adoption ? { effectiveOn: adoption.date, effectiveOnPrecision: adoption.precision } : {};

/**
 * The indicators a seed fiche names, in the contract's catalogue: defined with
 * the plan, before the signature. The seeds leave them untyped (« non
 * renseigné »), with no unit, baseline nor target: none is invented. A count
 * (« Nombre de … ») adds up over the measures; anything else reads as its
 * latest value. Ids are stable: contract, fiche code, rank in the fiche.
 */
export function planIndicators(
  contractId: string,
  fiche: { code: string; indicators?: Array<{ label?: string | null }> | null },
  adoption?: SourceDate,
): PlannedCommand[] {
  return (fiche.indicators ?? []).flatMap((indicator, index) => {
    const label = indicator.label?.trim();
    if (!label) return [];
    const indicatorId = `${contractId}.${fiche.code.replace(/[^\p{L}\p{N}._:-]+/gu, '-')}.I${index + 1}`;
    return [
      plan(`${contractId}:indicator:${fiche.code}:${index + 1}`, 'DefineIndicator', {
        contractId,
        indicatorId,
        ficheCode: fiche.code,
        label,
        kind: null,
        direction: null,
        aggregation: /^nombre\b/i.test(label) ? 'sum' : 'latest',
        ...effective(adoption),
      }),
    ];
  });
}

/**
 * A contract: drafted with its parties, governance, axes, fiches-actions and
 * actions; signed when the source shows it adopted, its plan then dated at that
 * adoption (not at the day of the replay).
 */
export function planContract(contract: SeedContract): PlannedCommand[] {
  const id = contract.id;
  const adoption = adoptionOf(contract);
  const commands: PlannedCommand[] = [
    plan(`${id}:draft`, 'DraftContract', {
      contractId: id,
      name: contract.name,
      territory: {
        name: contract.territory.name,
        epci: strings(contract.territory.epci),
        communes: strings(contract.territory.communes),
        // Cœur d'Hérault names 4 of its 77 communes: the count says the list is not the territory.
        ...(typeof contract.territory.communeCount === 'number'
          ? { communeCount: contract.territory.communeCount }
          : {}),
      },
      period: { start: contract.period.start, end: contract.period.end },
      parties: partiesOf(contract),
      ...setupOf(contract),
      ...effective(adoption),
    }),
  ];
  const bodies = new Set<string>();
  for (const body of contract.governance ?? []) {
    if (bodies.has(body.body)) continue;
    bodies.add(body.body);
    commands.push(
      plan(`${id}:governance:${body.body}`, 'DefineGovernanceBody', {
        contractId: id,
        body: body.body,
        role: body.role ?? '',
        members: strings(body.members),
        ...(typeof body.meetingsPerYear === 'number' ? { meetingsPerYear: body.meetingsPerYear } : {}),
        ...effective(adoption),
      }),
    );
  }
  for (const axis of contract.axes) {
    const description = axisDescriptionOf(axis);
    commands.push(
      plan(`${id}:axis:${axis.code}`, 'DefineAxis', {
        contractId: id,
        code: axis.code,
        title: axis.title,
        objectives: strings(axis.objectives),
        ...(description ? { description } : {}),
        ...effective(adoption),
      }),
    );
    for (const fiche of axis.fiches ?? []) {
      commands.push(
        plan(`${id}:fiche:${fiche.code}`, 'DefineFicheAction', {
          contractId: id,
          axisCode: axis.code,
          code: fiche.code,
          title: fiche.title,
          objectives: strings(fiche.objectives),
          pilots: strings(fiche.pilots),
          partners: strings(fiche.partners),
          publics: strings(fiche.publics),
          ...ficheDetailsOf(fiche),
          ...effective(adoption),
        }),
      );
      commands.push(...planIndicators(id, fiche, adoption));
      for (const action of fiche.actions ?? []) {
        commands.push(
          plan(`${id}:action:${action.code}`, 'PlanAction', {
            actionId: `${id}.${action.code}`,
            contractId: id,
            ficheCode: fiche.code,
            code: action.code,
            title: action.title,
            pilots: strings(action.pilots),
            partners: [],
            // Most schedules of the sources are unreadable: say so rather than invent years.
            plannedYears: {
              years: action.schedule.years,
              uncertain: Boolean(action.schedule.ambiguous) || action.schedule.stated === false,
              ...(action.schedule.note ? { note: action.schedule.note } : {}),
            },
            plannedDeliverables: (action.deliverables ?? []).map((deliverable, index) => ({
              deliverableId: `L${index + 1}`,
              title: deliverable.title,
            })),
            ...effective(adoption),
          }),
        );
      }
    }
  }
  if (adoption) {
    const parties = partiesOf(contract);
    commands.push(
      plan(`${id}:sign`, 'SignContract', {
        contractId: id,
        // A month or a year becomes its first day, with its precision kept.
        signedOn: adoption.date,
        signedOnPrecision: adoption.precision,
        ...(parties.length > 0 ? { signatories: parties } : { signatories: [], signatoriesUnknown: true }),
      }),
    );
  }
  commands.push(...planDatedFacts(contract));
  for (const convention of contract.conventions ?? []) {
    const parties = strings(convention.parties);
    if (parties.length < 2) continue;
    commands.push(
      plan(`${id}:convention:${convention.id}`, 'DraftConvention', {
        conventionId: convention.id,
        contractId: id,
        title: convention.title,
        kind: convention.kind === 'feuille de route' ? 'feuille_de_route' : 'convention',
        parties,
        object: strings(convention.objectives).join(' '),
        // An annex « annexée au CLS 2024-2029 » took effect with the contract; one « en création » did not.
        ...(ANNEXED.test(convention.status ?? '') ? effective(adoption) : {}),
      }),
    );
  }
  return commands;
}

/**
 * The dated facts of a contract's history its source gives: its `timeline`
 * (Cœur d'Hérault 2024, Grand Périgueux) and Carcassonne's construction
 * calendar (`milestones`), each with its date, precision, and whether it was
 * inferred or only planned. The extraction's notes (in English) stay out.
 */
function planDatedFacts(contract: SeedContract): PlannedCommand[] {
  const id = contract.id;
  const facts = [
    ...(contract.timeline ?? []).map((fact, index) => ({
      factId: `${id}-chronologie-${index + 1}`,
      ...fact,
    })),
    ...(contract.milestones ?? []).map((milestone, index) => ({
      factId: `${id}-jalon-${index + 1}`,
      date: milestone.date,
      precision: milestone.precision,
      kind: 'milestone',
      subject: milestone.label,
      planned: milestone.planned,
    })),
  ];
  return facts.map((fact) =>
    plan(`${id}:fact:${fact.factId}`, 'RecordFact', {
      contractId: id,
      factId: fact.factId,
      kind: fact.kind,
      subject: fact.subject,
      date: fact.date,
      precision: fact.precision,
      figures: 'figures' in fact && fact.figures ? fact.figures : {},
      attributes: {},
      dateInferred: 'inferred' in fact && Boolean(fact.inferred),
      planned: Boolean(fact.planned),
      ...('source' in fact && fact.source ? { source: fact.source } : {}),
    }),
  );
}

const FACT_FIELDS = new Set([
  'id',
  'date',
  'precision',
  'kind',
  'subject',
  'place',
  'details',
  'figures',
  'measure',
  'inferred',
  'planned',
  'source',
]);

/** The previous Cœur d'Hérault contract (2019-2023) and the dated facts of its 2019 progress report. */
export function planHistory(current: SeedContract, history: SeedFact[]): PlannedCommand[] {
  const previous = current.previousContract;
  if (!previous) return [];
  const id = PREVIOUS_CONTRACT_ID;
  const inForce = inForcePeriodOf(previous, history);
  const adoption = inForce ? sourceDate(String(inForce.start)) : undefined;
  const commands: PlannedCommand[] = [
    plan(`${id}:draft`, 'DraftContract', {
      contractId: id,
      name: previous.name,
      territory: { name: current.territory.name, epci: strings(current.territory.epci), communes: [] },
      period: previous.period,
      parties: [],
      ...effective(adoption),
    }),
    ...previous.structure.axes.map((axis) =>
      plan(`${id}:axis:${axis.code}`, 'DefineAxis', {
        contractId: id,
        code: axis.code,
        title: axis.title,
        objectives: axis.measures.map((measure) => `Mesure ${measure.n} : ${measure.title}`),
        ...effective(adoption),
      }),
    ),
  ];
  if (adoption) {
    // In force from 2019 (the report names none of its signatories).
    commands.push(
      plan(`${id}:sign`, 'SignContract', {
        contractId: id,
        signedOn: adoption.date,
        signedOnPrecision: adoption.precision,
        signatories: [],
        signatoriesUnknown: true,
      }),
    );
  }
  for (const fact of history) {
    const attributes = Object.fromEntries(Object.entries(fact).filter(([key]) => !FACT_FIELDS.has(key)));
    commands.push(
      plan(`${id}:fact:${fact.id}`, 'RecordFact', {
        contractId: id,
        factId: fact.id,
        kind: fact.kind,
        subject: fact.subject,
        date: fact.date,
        precision: fact.precision,
        ...(fact.place ? { place: fact.place } : {}),
        ...(fact.details ? { details: fact.details } : {}),
        figures: fact.figures ?? {},
        attributes,
        ...(fact.measure ? { measure: fact.measure } : {}),
        dateInferred: Boolean(fact.inferred),
        planned: Boolean(fact.planned),
        ...(fact.source ? { source: fact.source } : {}),
      }),
    );
  }
  if (inForce) {
    // Its period over (it is « le précédent CLS » of the 2024-2029 one): closed on its last day.
    commands.push(
      plan(`${id}:close`, 'CloseContract', {
        contractId: id,
        closedOn: `${inForce.end}-12-31`,
        reason: `Fin de la période ${inForce.start}-${inForce.end} du contrat`,
      }),
    );
  }
  return commands;
}

/**
 * The years the report shows the previous contract in force: its fact of kind
 * `contract_in_force` (seed 001: « 2019/2023 »), when it matches the contract's
 * period; undefined otherwise.
 */
function inForcePeriodOf(
  previous: NonNullable<SeedContract['previousContract']>,
  history: SeedFact[],
): { start: number; end: number } | undefined {
  const fact = history.find((candidate) => candidate.kind === 'contract_in_force');
  const match = /^(\d{4})\/(\d{4})$/.exec(fact?.date ?? '');
  if (!match) return undefined;
  const [start, end] = [Number(match[1]), Number(match[2])];
  return start === previous.period.start && end === previous.period.end ? { start, end } : undefined;
}

/** Everything the demo replays, in order. */
export function planDemo(seeds: Seeds): PlannedCommand[] {
  const coeurHerault = seeds.contracts.find((contract) => contract.id === FOLLOWS_PREVIOUS_CONTRACT);
  return [
    ...seeds.contracts.flatMap(planContract),
    ...(coeurHerault ? planHistory(coeurHerault, seeds.history) : []),
    ...planMeans(seeds),
  ];
}
