import { type CommandType, PERSON_SUBJECT_PREFIX } from '@cls/domain';
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

/** A contract: drafted with its parties, governance, axes, fiches-actions and actions; signed when the source dates it. */
export function planContract(contract: SeedContract): PlannedCommand[] {
  const id = contract.id;
  const commands: PlannedCommand[] = [
    plan(`${id}:draft`, 'DraftContract', {
      contractId: id,
      name: contract.name,
      territory: {
        name: contract.territory.name,
        epci: strings(contract.territory.epci),
        communes: strings(contract.territory.communes),
      },
      period: { start: contract.period.start, end: contract.period.end },
      parties: partiesOf(contract),
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
      }),
    );
  }
  for (const axis of contract.axes) {
    commands.push(
      plan(`${id}:axis:${axis.code}`, 'DefineAxis', {
        contractId: id,
        code: axis.code,
        title: axis.title,
        objectives: strings(axis.objectives),
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
        }),
      );
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
          }),
        );
      }
    }
  }
  if (contract.signedOn) {
    const signedOn = contract.signedOn;
    const parties = partiesOf(contract);
    if (parties.length > 0) {
      commands.push(
        plan(`${id}:sign`, 'SignContract', {
          contractId: id,
          // A month-only date becomes the 1st of the month, with its precision kept.
          signedOn:
            signedOn.length === 7 ? `${signedOn}-01` : signedOn.length === 4 ? `${signedOn}-01-01` : signedOn,
          signedOnPrecision: signedOn.length === 7 ? 'month' : signedOn.length === 4 ? 'year' : 'day',
          signatories: parties,
        }),
      );
    }
  }
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
      }),
    );
  }
  return commands;
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
  const id = 'cls-coeur-herault-2019';
  const commands: PlannedCommand[] = [
    plan(`${id}:draft`, 'DraftContract', {
      contractId: id,
      name: previous.name,
      territory: { name: current.territory.name, epci: strings(current.territory.epci), communes: [] },
      period: previous.period,
      parties: [],
    }),
    ...previous.structure.axes.map((axis) =>
      plan(`${id}:axis:${axis.code}`, 'DefineAxis', {
        contractId: id,
        code: axis.code,
        title: axis.title,
        objectives: axis.measures.map((measure) => `Mesure ${measure.n} : ${measure.title}`),
      }),
    ),
  ];
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
  return commands;
}

/** Everything the demo replays, in order. */
export function planDemo(seeds: Seeds): PlannedCommand[] {
  const coeurHerault = seeds.contracts.find((contract) => contract.id === 'cls-coeur-herault-2024');
  return [
    ...seeds.contracts.flatMap(planContract),
    ...(coeurHerault ? planHistory(coeurHerault, seeds.history) : []),
  ];
}
