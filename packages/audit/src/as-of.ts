import {
  ACTION_EVENT_TYPES,
  ACTION_STATUS_EVENT_TYPES,
  ACTION_STATUS_LABELS,
  type ActionEvent,
  type ActionStatus,
  type AxisDefined,
  actionDecider,
  actionEndedOn,
  CONTRACT_EVENT_TYPES,
  CONTRACT_STATUS_LABELS,
  CONVENTION_EVENT_TYPES,
  CONVENTION_STATUS_LABELS,
  type ContractEvent,
  type ContractSigned,
  type ContractStatus,
  type ConventionEvent,
  type ConventionKind,
  type ConventionStatus,
  contractDecider,
  conventionDecider,
  conventionStatus,
  type DatePrecision,
  EVALUATION_EVENT_TYPES,
  EVALUATION_STATUS_LABELS,
  type EvaluationEvent,
  type EvaluationStatus,
  evaluationDecider,
  type FactRecorded,
  type FicheActionDefined,
  fold,
  isEventOf,
  MEETING_EVENT_TYPES,
  MEETING_STATUS_LABELS,
  type MeetingEvent,
  type MeetingStatus,
  meetingDecider,
  OFFER_EVENT_TYPES,
  OFFER_KIND_LABELS,
  type OfferEvent,
  type OfferKind,
  type OfferSource,
  offerDecider,
  PROGRESS_LABELS,
  type Progress,
  SCORE_SCALE,
  type Score,
} from '@cls/domain';
import type { RecordedEvent } from '@cls/event-store';
import { categoryOfStream, contractScope, idOfStream } from './contract-scope.js';
import { domainEvents, type Located } from './domain-events.js';
import { compareCodes, compareText, positions } from './ordering.js';
import { type AsOf, onOrBefore } from './time-axis.js';

/*
 * A contract as of a day, from the log alone. Plain JSON (null, never undefined),
 * lists in a stable order, and every element carries `evidence`: the global
 * positions of the events that made it so.
 */

export interface ContractSignatory {
  organisation: string;
  signer: string | null;
  inferred: boolean;
}

export interface ContractHeader {
  id: string;
  /** Whether the contract was drafted as of the day (false: the log knows it only later). */
  exists: boolean;
  name: string;
  territory: { name: string; epci: string[]; communes: string[] } | null;
  period: { start: number; end: number } | null;
  /** Parties named when it was drafted. */
  parties: ContractSignatory[];
  /** The ContractDrafted event, and the corrections of the draft (ContractDraftUpdated). */
  draftEvidence: number[];
  status: ContractStatus;
  statusLabel: string;
  /** The event that set the status (drafting, signature, closing). */
  statusEvidence: number[];
  signedOn: string | null;
  signedOnPrecision: DatePrecision | null;
  signatories: ContractSignatory[];
  /** The ContractSigned event. */
  signatureEvidence: number[];
  amendments: Array<{ amendedOn: string; summary: string; evidence: number[] }>;
  closedOn: string | null;
  evidence: number[];
}

export interface AxisSnapshot {
  code: string;
  title: string;
  objectives: string[];
  evidence: number[];
}

export interface FicheSnapshot {
  code: string;
  axisCode: string;
  title: string;
  objectives: string[];
  pilots: string[];
  partners: string[];
  publics: string[];
  evidence: number[];
}

export interface GovernanceBodySnapshot {
  body: string;
  role: string;
  members: string[];
  meetingsPerYear: number | null;
  evidence: number[];
}

export interface DeliverableSnapshot {
  deliverableId: string;
  title: string;
  /** Planned with the action (false: produced without having been planned). */
  planned: boolean;
  producedOn: string | null;
  link: string | null;
  attachmentHash: string | null;
  /** The planning event (when planned) and the production event (when produced). */
  evidence: number[];
}

export interface IndicatorSnapshot {
  indicator: string;
  value: number;
  unit: string | null;
  year: number;
  periodLabel: string | null;
  measuredOn: string;
  evidence: number[];
}

export interface ActionSnapshot {
  actionId: string;
  code: string;
  title: string;
  ficheCode: string;
  axisCode: string | null;
  pilots: string[];
  partners: string[];
  plannedYears: { years: number[]; uncertain: boolean; note: string | null };
  preparatory: boolean;
  /** The ActionPlanned event. */
  plannedEvidence: number[];
  status: ActionStatus;
  statusLabel: string;
  /** Date of the last change of status; null while planned. */
  statusSince: string | null;
  statusEvidence: number[];
  startedOn: string | null;
  /** The first ActionStarted (a resumption after a suspension starts it again, not anew). */
  startedEvidence: number[];
  /** Completion or abandonment date (none while suspended: see the domain's actionEndedOn). */
  endedOn: string | null;
  progress: {
    reportedOn: string;
    progress: Progress;
    progressLabel: string;
    percentComplete: number | null;
    comment: string | null;
    evidence: number[];
  } | null;
  /** Planned ones in their planned order, then the extra ones by id. */
  deliverables: DeliverableSnapshot[];
  /** Measurements by period year, indicator, then date. */
  indicators: IndicatorSnapshot[];
  evidence: number[];
}

export interface ConventionSnapshot {
  conventionId: string;
  title: string;
  kind: ConventionKind;
  parties: string[];
  object: string;
  status: ConventionStatus;
  statusLabel: string;
  statusEvidence: number[];
  signatures: Array<{ party: string; signer: string | null; signedOn: string; evidence: number[] }>;
  amendments: Array<{ amendedOn: string; summary: string; evidence: number[] }>;
  terminatedOn: string | null;
  terminationReason: string | null;
  evidence: number[];
}

export interface MeetingSnapshot {
  meetingId: string;
  body: string;
  title: string;
  place: string | null;
  status: MeetingStatus;
  statusLabel: string;
  statusEvidence: number[];
  scheduledOn: string;
  heldOn: string | null;
  attendees: Array<{ name: string; organisation: string | null }>;
  decisions: string[];
  minutesLink: string | null;
  cancellationReason: string | null;
  evidence: number[];
}

export interface ScoredResultSnapshot {
  resultId: string;
  question: string;
  indicator: string;
  score: Score;
  scoreMeaning: string;
  /** Why this score, as the evaluator wrote it. */
  justification: string;
  /** The latest ResultScored of this line (scoring again replaces the score). */
  evidence: number[];
}

/** A narrative answer to a question of the referential, as last written. */
export interface AnswerSnapshot {
  /** The question's key: its section and rank, `7.1`, `conclusion.3`. */
  questionKey: string;
  answer: string;
  /** The latest EvaluationQuestionAnswered of this question (answering again replaces). */
  evidence: number[];
}

export interface EvaluationSnapshot {
  evaluationId: string;
  year: number;
  status: EvaluationStatus;
  statusLabel: string;
  statusEvidence: number[];
  publishedOn: string | null;
  results: ScoredResultSnapshot[];
  answers: AnswerSnapshot[];
  evidence: number[];
}

export interface FactSnapshot {
  factId: string;
  kind: string;
  subject: string;
  /** As the source gives it: `2019`, `2019-10`, `2019-10-31` or `start/end`. */
  date: string;
  precision: DatePrecision;
  /** The date was deduced, not read in the source. */
  inferred: boolean;
  /** Announced, not accomplished. */
  planned: boolean;
  place: string | null;
  details: string | null;
  figures: Record<string, unknown>;
  attributes: Record<string, unknown>;
  measure: string | null;
  source: string | null;
  evidence: number[];
}

export interface LinkedOfferSnapshot {
  offerId: string;
  name: string;
  kind: OfferKind;
  kindLabel: string;
  communeName: string;
  source: OfferSource;
  finess: string | null;
  closedOn: string | null;
  /** Its links to this contract's actions. */
  links: Array<{ actionId: string; actionCode: string | null; deliverableId: string | null }>;
  evidence: number[];
}

export interface ContractSnapshot {
  contractId: string;
  asOf: AsOf;
  contract: ContractHeader;
  axes: AxisSnapshot[];
  fiches: FicheSnapshot[];
  governanceBodies: GovernanceBodySnapshot[];
  actions: ActionSnapshot[];
  conventions: ConventionSnapshot[];
  meetings: MeetingSnapshot[];
  evaluations: EvaluationSnapshot[];
  facts: FactSnapshot[];
  offers: LinkedOfferSnapshot[];
  /**
   * Events taken although dated after the day, because an event of the day implies
   * them: a stream's first event (nothing can happen to an action before it is
   * planned), the contract's drafting, and the fiche and axis of an action. In
   * business time only, for events that carry no business date of their own
   * (a definition recorded after the facts it frames).
   */
  implied: number[];
  /** How many events the snapshot was folded from, and the last of them. */
  eventCount: number;
  lastPosition: number | null;
}

const nullable = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/** The first day a date of the sources covers: `2019` → 2019-01-01, `2019-04/2019-05` → 2019-04-01. */
export function startOfFactDate(date: string): string {
  const start = date.split('/')[0] as string;
  return start.length === 4 ? `${start}-01-01` : start.length === 7 ? `${start}-01` : start;
}

/**
 * The contract as of the end of `asOf.date` (UTC), on the business or record clock;
 * undefined when the log has no stream `contract-<id>` at all.
 */
export function contractAsOf(
  events: readonly RecordedEvent[],
  contractId: string,
  asOf: AsOf,
): ContractSnapshot | undefined {
  const inView = onOrBefore(asOf.date, asOf.time);
  const scope = contractScope(events, contractId);
  const contractStream = `contract-${contractId}`;
  if (!scope.has(contractStream)) return undefined;
  const { views, implied } = viewOf(scope, contractStream, inView);
  return snapshotOf(contractId, asOf, views, implied);
}

/**
 * The events of each stream known as of the day, with the events they imply
 * (see `ContractSnapshot.implied`), in revision order.
 */
function viewOf(
  scope: Map<string, RecordedEvent[]>,
  contractStream: string,
  inView: (event: RecordedEvent) => boolean,
): { views: Map<string, RecordedEvent[]>; implied: number[] } {
  const views = new Map<string, RecordedEvent[]>();
  for (const [stream, streamEvents] of scope) {
    const view = streamEvents.filter(inView);
    if (view.length > 0) views.set(stream, view);
  }
  const implied: number[] = [];
  /** Adds a stream's first event to its view when the day's events imply it. */
  const includeFirst = (stream: string) => {
    const first = scope.get(stream)?.[0];
    if (!first) return;
    const view = views.get(stream);
    if (view?.[0] === first) return;
    if (view) view.unshift(first);
    else views.set(stream, [first]);
    implied.push(first.position);
  };

  // An offer linked to an action implies the action.
  for (const [stream, view] of views) {
    if (!stream.startsWith('offer-')) continue;
    for (const event of view) {
      if (isEventOf(event, ['OfferLinkedToAction'])) includeFirst(`action-${event.data.actionId}`);
    }
  }
  // A stream's first event precedes, by construction, all the others; and every
  // action, meeting, evaluation or convention of a contract implies its drafting.
  let anyOwned = false;
  for (const stream of [...views.keys()]) {
    includeFirst(stream);
    if (stream !== contractStream && !stream.startsWith('offer-')) anyOwned = true;
  }
  if (anyOwned) includeFirst(contractStream);
  // An action planned implies its fiche, and the fiche its axis.
  const fiches = new Map<string, Located<FicheActionDefined>>();
  const axes = new Map<string, Located<AxisDefined>>();
  for (const event of scope.get(contractStream) ?? []) {
    if (isEventOf(event, ['FicheActionDefined'])) fiches.set(event.data.code, event);
    else if (isEventOf(event, ['AxisDefined'])) axes.set(event.data.code, event);
  }
  const needed = new Set<RecordedEvent>();
  for (const [stream, view] of views) {
    if (!stream.startsWith('action-')) continue;
    // Every view of an action starts with its ActionPlanned (its first event is always included).
    const [planned] = view;
    if (!planned || !isEventOf(planned, ['ActionPlanned'])) continue;
    const fiche = fiches.get(planned.data.ficheCode);
    if (!fiche) continue;
    needed.add(fiche);
    const axis = axes.get(fiche.data.axisCode);
    if (axis) needed.add(axis);
  }
  if (needed.size > 0) {
    const contractView = views.get(contractStream) ?? [];
    const present = new Set(contractView);
    const missing = [...needed].filter((event) => !present.has(event));
    if (missing.length > 0) {
      for (const event of missing) implied.push(event.position);
      views.set(
        contractStream,
        [...contractView, ...missing].sort((a, b) => a.revision - b.revision),
      );
    }
  }
  return { views, implied: positions(implied) };
}

function snapshotOf(
  contractId: string,
  asOf: AsOf,
  views: Map<string, RecordedEvent[]>,
  implied: number[],
): ContractSnapshot {
  const contractView = views.get(`contract-${contractId}`) ?? [];
  const contractEvents = domainEvents(contractView, CONTRACT_EVENT_TYPES);
  const fiches = fichesOf(contractEvents);
  const actionCodes = new Map<string, string>();
  const actions: ActionSnapshot[] = [];
  const conventions: ConventionSnapshot[] = [];
  const meetings: MeetingSnapshot[] = [];
  const evaluations: EvaluationSnapshot[] = [];
  const offerViews: RecordedEvent[][] = [];
  for (const [stream, view] of views) {
    switch (categoryOfStream(stream)) {
      case 'action': {
        const action = actionOf(domainEvents(view, ACTION_EVENT_TYPES), fiches);
        if (action) {
          actions.push(action);
          actionCodes.set(action.actionId, action.code);
        }
        break;
      }
      case 'convention': {
        const convention = conventionOf(domainEvents(view, CONVENTION_EVENT_TYPES));
        if (convention) conventions.push(convention);
        break;
      }
      case 'meeting': {
        const meeting = meetingOf(domainEvents(view, MEETING_EVENT_TYPES));
        if (meeting) meetings.push(meeting);
        break;
      }
      case 'evaluation': {
        const evaluation = evaluationOf(domainEvents(view, EVALUATION_EVENT_TYPES));
        if (evaluation) evaluations.push(evaluation);
        break;
      }
      case 'offer':
        offerViews.push(view);
        break;
    }
  }
  const offers = offerViews.flatMap((view) => {
    const offer = offerOf(
      idOfStream((view[0] as RecordedEvent).stream),
      domainEvents(view, OFFER_EVENT_TYPES),
      contractId,
      actionCodes,
    );
    return offer ? [offer] : [];
  });

  let eventCount = 0;
  let lastPosition: number | null = null;
  for (const view of views.values()) {
    eventCount += view.length;
    for (const event of view)
      if (lastPosition === null || event.position > lastPosition) lastPosition = event.position;
  }

  return {
    contractId,
    asOf: { time: asOf.time, date: asOf.date },
    contract: headerOf(contractId, contractEvents),
    axes: axesOf(contractEvents),
    fiches: [...fiches.values()].sort((a, b) => compareCodes(a.code, b.code)),
    governanceBodies: governanceBodiesOf(contractEvents),
    actions: actions.sort((a, b) => compareCodes(a.code, b.code) || compareText(a.actionId, b.actionId)),
    conventions: conventions.sort((a, b) => compareCodes(a.conventionId, b.conventionId)),
    meetings: meetings.sort(
      (a, b) =>
        compareText(a.heldOn ?? a.scheduledOn, b.heldOn ?? b.scheduledOn) ||
        compareCodes(a.meetingId, b.meetingId),
    ),
    evaluations: evaluations.sort((a, b) => a.year - b.year || compareCodes(a.evaluationId, b.evaluationId)),
    facts: contractEvents
      .flatMap((e) => (e.type === 'FactRecorded' ? [factOf(e)] : []))
      .sort(
        (a, b) =>
          compareText(startOfFactDate(a.date), startOfFactDate(b.date)) || compareCodes(a.factId, b.factId),
      ),
    offers: offers.sort((a, b) => compareCodes(a.offerId, b.offerId)),
    implied,
    eventCount,
    lastPosition,
  };
}

const signatoryOf = (signatory: { organisation: string; signer?: string; inferred?: boolean }) => ({
  organisation: signatory.organisation,
  signer: nullable(signatory.signer),
  inferred: signatory.inferred === true,
});

function headerOf(contractId: string, events: Located<ContractEvent>[]): ContractHeader {
  // FactRecorded only appends a fact id to the decider's state; leaving facts out of
  // this fold keeps it linear however many facts a contract holds (facts are read below).
  const state = fold(
    contractDecider,
    events.filter((e) => e.type !== 'FactRecorded'),
  );
  const drafted: number[] = [];
  let signed: Located<ContractSigned> | undefined;
  let statusEvent: number | undefined;
  let closedOn: string | null = null;
  const evidence: number[] = [];
  const amendments: ContractHeader['amendments'] = [];
  for (const e of events) {
    switch (e.type) {
      case 'ContractDrafted':
        drafted.push(e.position);
        statusEvent = e.position;
        evidence.push(e.position);
        break;
      case 'ContractDraftUpdated':
        drafted.push(e.position);
        evidence.push(e.position);
        break;
      case 'ContractSigned':
        signed = e;
        statusEvent = e.position;
        evidence.push(e.position);
        break;
      case 'ContractAmended':
        amendments.push({ amendedOn: e.data.amendedOn, summary: e.data.summary, evidence: [e.position] });
        evidence.push(e.position);
        break;
      case 'ContractClosed':
        closedOn = e.data.closedOn;
        statusEvent = e.position;
        evidence.push(e.position);
        break;
    }
  }
  return {
    id: contractId,
    exists: state.exists,
    name: state.name,
    // As drafted, or as corrected before signature (the decider's fold).
    territory: state.exists
      ? { name: state.territory.name, epci: state.territory.epci, communes: state.territory.communes }
      : null,
    period: state.exists ? { start: state.period.start, end: state.period.end } : null,
    parties: state.parties.map(signatoryOf),
    draftEvidence: drafted,
    status: state.status,
    statusLabel: CONTRACT_STATUS_LABELS[state.status],
    statusEvidence: statusEvent === undefined ? [] : [statusEvent],
    signedOn: nullable(state.signedOn),
    signedOnPrecision: signed ? (signed.data.signedOnPrecision ?? 'day') : null,
    signatories: state.signatories.map(signatoryOf),
    signatureEvidence: signed ? [signed.position] : [],
    amendments,
    closedOn,
    evidence: positions(evidence),
  };
}

/** The fiches of the live plan: defined, updated, moved; a withdrawn one leaves it. */
function fichesOf(events: Located<ContractEvent>[]): Map<string, FicheSnapshot> {
  const fiches = new Map<string, FicheSnapshot>();
  for (const e of events) {
    switch (e.type) {
      case 'FicheActionDefined': {
        const { code, axisCode, title, objectives, pilots, partners, publics } = e.data;
        fiches.set(code, {
          code,
          axisCode,
          title,
          objectives,
          pilots,
          partners,
          publics,
          evidence: [e.position],
        });
        break;
      }
      case 'FicheActionUpdated': {
        const fiche = fiches.get(e.data.code);
        if (!fiche) break;
        const { title, objectives, pilots, partners, publics } = e.data;
        fiches.set(e.data.code, {
          ...fiche,
          title: title ?? fiche.title,
          objectives: objectives ?? fiche.objectives,
          pilots: pilots ?? fiche.pilots,
          partners: partners ?? fiche.partners,
          publics: publics ?? fiche.publics,
          evidence: positions([...fiche.evidence, e.position]),
        });
        break;
      }
      case 'FicheActionMoved': {
        const fiche = fiches.get(e.data.code);
        if (fiche)
          fiches.set(e.data.code, {
            ...fiche,
            axisCode: e.data.toAxisCode,
            evidence: positions([...fiche.evidence, e.position]),
          });
        break;
      }
      case 'FicheActionWithdrawn':
        fiches.delete(e.data.code);
        break;
    }
  }
  return fiches;
}

/** The axes of the live plan: defined, updated; a withdrawn one leaves it. */
function axesOf(events: Located<ContractEvent>[]): AxisSnapshot[] {
  const axes = new Map<string, AxisSnapshot>();
  for (const e of events) {
    switch (e.type) {
      case 'AxisDefined':
        axes.set(e.data.code, {
          code: e.data.code,
          title: e.data.title,
          objectives: e.data.objectives,
          evidence: [e.position],
        });
        break;
      case 'AxisUpdated': {
        const axis = axes.get(e.data.code);
        if (axis)
          axes.set(e.data.code, {
            ...axis,
            title: e.data.title ?? axis.title,
            objectives: e.data.objectives ?? axis.objectives,
            evidence: positions([...axis.evidence, e.position]),
          });
        break;
      }
      case 'AxisWithdrawn':
        axes.delete(e.data.code);
        break;
    }
  }
  return [...axes.values()].sort((a, b) => compareCodes(a.code, b.code));
}

function actionOf(
  events: Located<ActionEvent>[],
  fiches: Map<string, FicheSnapshot>,
): ActionSnapshot | undefined {
  const state = fold(actionDecider, events);
  // A withdrawn action has left the plan (its events stay in the log and the timeline).
  if (!state.exists || state.withdrawn) return undefined;
  let actionId = '';
  let plannedAt: number | undefined;
  let startedAt: number | undefined;
  let statusEvent: number | undefined;
  let progress: ActionSnapshot['progress'] = null;
  const produced = new Map<
    string,
    { link: string | null; attachmentHash: string | null; position: number }
  >();
  const indicators: IndicatorSnapshot[] = [];
  for (const e of events) {
    if (isEventOf(e, ACTION_STATUS_EVENT_TYPES)) statusEvent = e.position;
    switch (e.type) {
      case 'ActionPlanned':
        actionId = e.data.actionId;
        plannedAt = e.position;
        break;
      case 'ActionStarted':
        startedAt ??= e.position;
        break;
      case 'ProgressReported':
        progress = {
          reportedOn: e.data.reportedOn,
          progress: e.data.progress,
          progressLabel: PROGRESS_LABELS[e.data.progress],
          percentComplete: nullable(e.data.percentComplete),
          comment: nullable(e.data.comment),
          evidence: [e.position],
        };
        break;
      case 'DeliverableProduced':
        produced.set(e.data.deliverableId, {
          link: nullable(e.data.link),
          attachmentHash: nullable(e.data.attachmentHash),
          position: e.position,
        });
        break;
      case 'IndicatorMeasured':
        indicators.push({
          indicator: e.data.indicator,
          value: e.data.value,
          unit: nullable(e.data.unit),
          year: e.data.period.year,
          periodLabel: nullable(e.data.period.label),
          measuredOn: e.data.measuredOn,
          evidence: [e.position],
        });
        break;
    }
  }
  // The decider's state says what was planned and produced; the events add links and positions.
  const deliverables: DeliverableSnapshot[] = state.plannedDeliverables.map((deliverable) => {
    const done = state.produced[deliverable.deliverableId];
    const event = produced.get(deliverable.deliverableId);
    return {
      deliverableId: deliverable.deliverableId,
      title: deliverable.title,
      planned: true,
      producedOn: done ? done.producedOn : null,
      link: event?.link ?? null,
      attachmentHash: event?.attachmentHash ?? null,
      evidence: positions([plannedAt as number, ...(event ? [event.position] : [])]),
    };
  });
  const plannedIds = new Set(state.plannedDeliverables.map((deliverable) => deliverable.deliverableId));
  const extras = Object.keys(state.produced)
    .filter((id) => !plannedIds.has(id))
    .sort(compareCodes);
  for (const id of extras) {
    const done = state.produced[id] as { title: string; producedOn: string };
    const event = produced.get(id);
    deliverables.push({
      deliverableId: id,
      title: done.title,
      planned: false,
      producedOn: done.producedOn,
      link: event?.link ?? null,
      attachmentHash: event?.attachmentHash ?? null,
      evidence: event ? [event.position] : [],
    });
  }
  return {
    actionId,
    code: state.code,
    title: state.title,
    ficheCode: state.ficheCode,
    axisCode: fiches.get(state.ficheCode)?.axisCode ?? null,
    pilots: state.pilots,
    partners: state.partners,
    plannedYears: {
      years: state.plannedYears.years,
      uncertain: state.plannedYears.uncertain,
      note: nullable(state.plannedYears.note),
    },
    preparatory: state.preparatory,
    plannedEvidence: plannedAt === undefined ? [] : [plannedAt],
    status: state.status,
    statusLabel: ACTION_STATUS_LABELS[state.status],
    statusSince: nullable(state.statusSince),
    statusEvidence: statusEvent === undefined ? [] : [statusEvent],
    startedOn: nullable(state.startedOn),
    startedEvidence: startedAt === undefined ? [] : [startedAt],
    endedOn: nullable(actionEndedOn(state)),
    progress,
    deliverables,
    indicators: indicators.sort(
      (a, b) =>
        a.year - b.year ||
        compareText(a.indicator, b.indicator) ||
        compareText(a.measuredOn, b.measuredOn) ||
        (a.evidence[0] as number) - (b.evidence[0] as number),
    ),
    evidence: positions(events.map((e) => e.position)),
  };
}

function conventionOf(events: Located<ConventionEvent>[]): ConventionSnapshot | undefined {
  const state = fold(conventionDecider, events);
  if (!state.exists) return undefined;
  const status = conventionStatus(state);
  let conventionId = '';
  let drafted: number | undefined;
  let terminated: number | undefined;
  const signatures: ConventionSnapshot['signatures'] = [];
  const amendments: ConventionSnapshot['amendments'] = [];
  for (const e of events) {
    switch (e.type) {
      case 'ConventionDrafted':
        conventionId = e.data.conventionId;
        drafted = e.position;
        break;
      case 'ConventionSigned':
        signatures.push({
          party: e.data.party,
          signer: nullable(e.data.signer),
          signedOn: e.data.signedOn,
          evidence: [e.position],
        });
        break;
      case 'ConventionAmended':
        amendments.push({ amendedOn: e.data.amendedOn, summary: e.data.summary, evidence: [e.position] });
        break;
      case 'ConventionTerminated':
        terminated = e.position;
        break;
    }
  }
  const statusEvidence =
    status === 'terminated'
      ? [terminated as number]
      : status === 'draft'
        ? [drafted as number]
        : positions(signatures.flatMap((signature) => signature.evidence));
  return {
    conventionId,
    title: state.title,
    kind: state.kind,
    parties: state.parties,
    object: state.object,
    status,
    statusLabel: CONVENTION_STATUS_LABELS[status],
    statusEvidence,
    signatures,
    amendments,
    terminatedOn: state.terminated?.terminatedOn ?? null,
    terminationReason: state.terminated?.reason ?? null,
    evidence: positions(events.map((e) => e.position)),
  };
}

/** The contract's bodies as last defined or updated, each with the events that say so. */
function governanceBodiesOf(events: Located<ContractEvent>[]): GovernanceBodySnapshot[] {
  const bodies = new Map<string, GovernanceBodySnapshot>();
  for (const e of events) {
    if (e.type !== 'GovernanceBodyDefined' && e.type !== 'GovernanceBodyUpdated') continue;
    const before = bodies.get(e.data.body);
    if (e.type === 'GovernanceBodyUpdated' && !before) continue;
    bodies.set(e.data.body, {
      body: e.data.body,
      role: e.data.role,
      members: e.data.members,
      meetingsPerYear: nullable(e.data.meetingsPerYear),
      evidence: [...(before?.evidence ?? []), e.position],
    });
  }
  return [...bodies.values()];
}

function meetingOf(events: Located<MeetingEvent>[]): MeetingSnapshot | undefined {
  const state = fold(meetingDecider, events);
  if (!state.exists) return undefined;
  let meetingId = '';
  let statusEvent: number | undefined;
  for (const e of events) {
    if (e.type === 'MeetingScheduled') meetingId = e.data.meetingId;
    // A decision's follow-up leaves the meeting's status as it was.
    if (e.type !== 'DecisionFollowedUp') statusEvent = e.position;
  }
  return {
    meetingId,
    body: state.body,
    title: state.title,
    place: nullable(state.place),
    status: state.status,
    statusLabel: MEETING_STATUS_LABELS[state.status],
    statusEvidence: statusEvent === undefined ? [] : [statusEvent],
    scheduledOn: state.scheduledOn,
    heldOn: nullable(state.heldOn),
    attendees: state.attendees.map((attendee) => ({
      name: attendee.name,
      organisation: nullable(attendee.organisation),
    })),
    decisions: state.decisions.map((decision) => decision.text),
    minutesLink: nullable(state.minutesLink),
    cancellationReason: nullable(state.cancellationReason),
    evidence: positions(events.map((e) => e.position)),
  };
}

function evaluationOf(events: Located<EvaluationEvent>[]): EvaluationSnapshot | undefined {
  const state = fold(evaluationDecider, events);
  if (!state.exists) return undefined;
  let evaluationId = '';
  let statusEvent: number | undefined;
  const lastScore = new Map<string, number>();
  const lastAnswer = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'EvaluationOpened') {
      evaluationId = e.data.evaluationId;
      statusEvent = e.position;
    } else if (e.type === 'EvaluationPublished') statusEvent = e.position;
    else if (e.type === 'EvaluationQuestionAnswered') lastAnswer.set(e.data.questionKey, e.position);
    else lastScore.set(e.data.resultId, e.position);
  }
  const answers = Object.entries(state.answers)
    .map(([questionKey, answer]) => ({
      questionKey,
      answer,
      evidence: [lastAnswer.get(questionKey) as number],
    }))
    .sort((a, b) => compareCodes(a.questionKey, b.questionKey));
  const results = Object.entries(state.results)
    .map(([resultId, result]) => ({
      resultId,
      question: result.question,
      indicator: result.indicator,
      score: result.score,
      scoreMeaning: SCORE_SCALE[result.score].meaning,
      justification: result.evidence,
      evidence: [lastScore.get(resultId) as number],
    }))
    .sort((a, b) => compareCodes(a.resultId, b.resultId));
  return {
    evaluationId,
    year: state.year,
    status: state.status,
    statusLabel: EVALUATION_STATUS_LABELS[state.status],
    statusEvidence: statusEvent === undefined ? [] : [statusEvent],
    publishedOn: nullable(state.publishedOn),
    results,
    answers,
    evidence: positions(events.map((e) => e.position)),
  };
}

function factOf(e: Located<FactRecorded>): FactSnapshot {
  const data = e.data;
  return {
    factId: data.factId,
    kind: data.kind,
    subject: data.subject,
    date: data.date,
    precision: data.precision,
    inferred: data.dateInferred,
    planned: data.planned,
    place: nullable(data.place),
    details: nullable(data.details),
    figures: data.figures,
    attributes: data.attributes,
    measure: nullable(data.measure),
    source: nullable(data.source),
    evidence: [e.position],
  };
}

function offerOf(
  offerId: string,
  events: Located<OfferEvent>[],
  contractId: string,
  actionCodes: Map<string, string>,
): LinkedOfferSnapshot | undefined {
  const state = fold(offerDecider, events);
  if (!state.exists || !state.details) return undefined;
  const links = state.links
    .filter((link) => link.contractId === contractId || actionCodes.has(link.actionId))
    .map((link) => ({
      actionId: link.actionId,
      actionCode: actionCodes.get(link.actionId) ?? null,
      deliverableId: nullable(link.deliverableId),
    }));
  if (links.length === 0) return undefined;
  return {
    offerId,
    name: state.details.name,
    kind: state.details.kind,
    kindLabel: OFFER_KIND_LABELS[state.details.kind].long,
    communeName: state.details.address.communeName,
    source: state.source,
    finess: nullable(state.finess),
    closedOn: nullable(state.closedOn),
    links,
    evidence: positions(events.map((e) => e.position)),
  };
}
