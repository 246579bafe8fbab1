import { createHash } from 'node:crypto';
import {
  ACTION_STATUSES,
  type ActionStatus,
  PROGRESS_LABELS,
  type Progress,
  questionKeyOf,
  SCORE_SCALE,
  SCORES,
} from '@cls/domain';
import { canonicalJson, type RecordedEvent } from '@cls/event-store';
import { count, frenchDate, frenchList, frenchNumber, frenchPercent, lowerFirst } from '@cls/french';
import {
  ANNEX4_REFERENTIAL,
  type EvaluationReferential,
  type ReferentialSection,
} from './annex4-referential.js';
import {
  type ActionSnapshot,
  type AnswerSnapshot,
  type ContractSnapshot,
  contractAsOf,
  type FactSnapshot,
  type MeetingSnapshot,
  startOfFactDate,
} from './as-of.js';
import {
  budgetBlocks,
  coordinationFunders,
  type MeansAsOf,
  meansAsOf,
  staffTimeBlock,
} from './means-figures.js';
import { compareCodes, compareText } from './ordering.js';
import { block, figure, type ReportBlock, type ReportFigure } from './report-parts.js';
import type { Attestation } from './signed-head.js';
import { isDay, TIME_AXIS_LABELS, type TimeAxis } from './time-axis.js';

/*
 * The annual evaluation report of a contract, following the sections of its
 * evaluation referential (annex 4 of the Cœur d'Hérault contract), from the log
 * alone: what the log can count is counted, each figure with the positions of
 * the events that justify it; the narrative answers the evaluators wrote are
 * events too (EvaluationQuestionAnswered), shown with their positions; a question
 * nobody answered is « non renseigné ». No clock, stable sorting, fixed number
 * formats: the same events give the same report, byte for byte.
 */

/** How much of a section the log answers, by figures or written answers. */
export type Coverage = 'journal' | 'partiel' | 'non-renseigne';

export const COVERAGE_LABELS: Record<Coverage, string> = {
  journal: 'tiré du journal',
  partiel: 'en partie renseigné',
  'non-renseigne': 'non renseigné',
};

/** What a question nobody answered says. */
export const NOT_ANSWERED = 'non renseigné';

/** What stands in for a figure the log does not hold: never a guess. */
export const NOT_IN_LOG = 'non renseigné dans le journal';

export type { ReportBlock, ReportFigure } from './report-parts.js';

export interface ReportQuestion {
  /** Its section and rank in the referential, `7.1`, `conclusion.3`: what an answer is recorded under. */
  key: string;
  text: string;
  /** Whether the figures of the section answer it from the log. */
  fromJournal: boolean;
  /** The narrative answer written for the year (EvaluationQuestionAnswered), null when nobody answered. */
  answer: string | null;
  /** The position of the event of that answer (none without an answer). */
  answerEvidence: number[];
}

export interface ReportSection {
  n: number;
  title: string;
  coverage: Coverage;
  coverageLabel: string;
  questions: ReportQuestion[];
  blocks: ReportBlock[];
  notes: string[];
}

export interface EvaluationReport {
  title: string;
  contractId: string;
  contractName: string;
  territory: string | null;
  year: number;
  closingDate: string;
  time: TimeAxis;
  timeLabel: string;
  /**
   * When no event of the contract is dated on or before the closing date on the
   * report's clock (a year before the contract was drafted, or before the log
   * knew of it): the sentence that says so, and the report has no sections,
   * rather than zeros that would read as measured. Null otherwise.
   */
  nothingRecorded: string | null;
  /** How much of the log the report was made from. */
  source: { eventCount: number; lastPosition: number | null; implied: number[] };
  referential: {
    title: string;
    annex: number;
    usage: string;
    guidingQuestion: string;
    purposes: string[];
    scale: Array<{ symbol: string; meaning: string }>;
  };
  sections: ReportSection[];
  conclusion: { coverage: Coverage; coverageLabel: string; questions: ReportQuestion[] };
  /**
   * Year over year: each counted figure of the year beside the same figure of the year
   * before (closed on the same day a year earlier, on the same clock), « non renseigné »
   * where that year has none. Empty when the report has nothing to say of its year.
   */
  comparison: { previousYear: number; rows: ComparisonRow[] };
}

/** A counted figure of the year and the same figure (by key) of the year before. */
export interface ComparisonRow {
  key: string;
  label: string;
  current: string;
  previous: string;
}

export interface EvaluationReportOptions {
  contractId: string;
  year: number;
  /** The day the report is closed (YYYY-MM-DD): the state of the actions on that day. The year's 31 December by default. */
  closingDate?: string;
  /** The clock the closing date is read on. */
  time: TimeAxis;
  /** Annex 4 of the Cœur d'Hérault contract by default. */
  referential?: EvaluationReferential;
}

const countFigure = (
  key: string,
  label: string,
  items: number,
  evidence: Iterable<number>,
  details: string[] = [],
): ReportFigure => figure(key, label, frenchNumber(items), evidence, { number: items, details });

/** Questions compare without regard to apostrophes, case, spacing or final punctuation. */
const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/[\s?.:]+$/, '')
    .trim();

const inYear = (date: string | null, year: number) => date !== null && date.slice(0, 4) === String(year);

/** Sections and their answers; `answered` lists the indices of the referential questions the figures answer. */
interface SectionContent {
  blocks: ReportBlock[];
  answered: number[];
  notes?: string[];
}

/**
 * The evaluation report of `contractId` for `year`, from the log alone; undefined
 * when the log holds no such contract.
 */
export function evaluationReport(
  events: readonly RecordedEvent[],
  options: EvaluationReportOptions,
): EvaluationReport | undefined {
  const report = yearReport(events, options);
  if (!report) return undefined;
  const previousYear = report.year - 1;
  if (report.nothingRecorded) return { ...report, comparison: { previousYear, rows: [] } };
  const earlier = aYearBefore(report.closingDate);
  // Before year 0 there is no day to close on: nothing to compare with.
  const before = isDay(earlier)
    ? yearReport(events, { ...options, year: previousYear, closingDate: earlier })
    : undefined;
  const previous = new Map(
    (before?.nothingRecorded ? [] : (before?.sections ?? []))
      .flatMap((section) => section.blocks.flatMap((block) => block.figures))
      .map((item) => [item.key, item] as const),
  );
  const rows = report.sections
    .flatMap((section) => section.blocks.flatMap((block) => block.figures))
    .filter((item) => item.number !== null)
    .map((item) => ({
      key: item.key,
      label: item.label,
      current: item.value,
      previous: previous.get(item.key)?.value ?? NOT_ANSWERED,
    }));
  return { ...report, comparison: { previousYear, rows } };
}

/** The same day a year earlier (29 February: the 28th). */
function aYearBefore(date: string): string {
  const year = String(Number(date.slice(0, 4)) - 1).padStart(4, '0');
  const day = date.slice(4) === '-02-29' ? '-02-28' : date.slice(4);
  return `${year}${day}`;
}

/** The report of one year, without its comparison with the year before. */
function yearReport(
  events: readonly RecordedEvent[],
  options: EvaluationReportOptions,
): Omit<EvaluationReport, 'comparison'> | undefined {
  const { contractId, year, time } = options;
  const closingDate = options.closingDate ?? `${year}-12-31`;
  const referential = options.referential ?? ANNEX4_REFERENTIAL;
  const snapshot = contractAsOf(events, contractId, { time, date: closingDate });
  if (!snapshot) return undefined;
  const answers = new Map(
    snapshot.evaluations
      .filter((evaluation) => evaluation.year === year)
      .flatMap((evaluation) => evaluation.answers)
      .map((answer) => [answer.questionKey, answer] as const),
  );
  const context: ReportContext = {
    snapshot,
    year,
    closingDate,
    answers,
    referential,
    means: meansAsOf(events, contractId, { time, date: closingDate }),
    // The budget realised in N is given « au 31 mars de l'année suivante » (annex 4, section 12).
    budget: meansAsOf(events, contractId, {
      time,
      date: closingDate === `${year}-12-31` ? `${year + 1}-03-31` : closingDate,
    }),
  };
  const nothingRecorded = snapshot.eventCount === 0 ? nothingRecordedBy(closingDate, year, time) : null;

  const sections = nothingRecorded
    ? []
    : referential.sections.map((section) => sectionOf(section, contentOf(section, context), answers));
  const conclusionQuestions = nothingRecorded
    ? []
    : referential.conclusionQuestions.map((text, index) =>
        questionOf(questionKeyOf('conclusion', index + 1), text, false, answers),
      );
  const conclusionCoverage = coverageOf(false, conclusionQuestions);
  const contract = snapshot.contract;
  return {
    title: `${referential.title} pour l'année ${year}`,
    contractId,
    contractName: contract.name || latestName(events, contractId, time) || contractId,
    territory: contract.territory?.name ?? null,
    year,
    closingDate,
    time,
    timeLabel: TIME_AXIS_LABELS[time],
    nothingRecorded,
    source: {
      eventCount: snapshot.eventCount,
      lastPosition: snapshot.lastPosition,
      implied: snapshot.implied,
    },
    referential: {
      title: referential.title,
      annex: referential.annex,
      usage: referential.usage,
      guidingQuestion: referential.guidingQuestion,
      purposes: referential.purposes,
      scale: referential.scale.map(({ symbol, meaning }) => ({ symbol, meaning })),
    },
    sections,
    conclusion: {
      coverage: conclusionCoverage,
      coverageLabel: COVERAGE_LABELS[conclusionCoverage],
      questions: conclusionQuestions,
    },
  };
}

/** What a report says when no event of the contract is dated on or before its closing date. */
export function nothingRecordedBy(closingDate: string, year: number, time: TimeAxis): string {
  const when =
    closingDate === `${year}-12-31` ? `de ${year} ou avant` : `du ${frenchDate(closingDate)} ou avant`;
  return time === 'occurred'
    ? `Aucun événement du contrat n’est daté ${when} : ce rapport n’a rien à dire de cette année.`
    : `Aucun événement du contrat n’était enregistré dans le journal à la fin du ${frenchDate(closingDate)} : ce rapport n’a rien à dire de cette année.`;
}

/** The contract's name as the whole log gives it, for a title when the closing date precedes its drafting. */
function latestName(events: readonly RecordedEvent[], contractId: string, time: TimeAxis): string {
  return contractAsOf(events, contractId, { time, date: '9999-12-31' })?.contract.name ?? '';
}

interface ReportContext {
  snapshot: ContractSnapshot;
  year: number;
  closingDate: string;
  /** The contract's means as of the closing date (see means-figures.ts). */
  means: MeansAsOf;
  /** …and as of the day the annual budget is given (31 March of the next year, for a whole year). */
  budget: MeansAsOf;
  /** The year's written answers, by question key. */
  answers: ReadonlyMap<string, AnswerSnapshot>;
  referential: EvaluationReferential;
}

function questionOf(
  key: string,
  text: string,
  fromJournal: boolean,
  answers: ReadonlyMap<string, AnswerSnapshot>,
): ReportQuestion {
  const answer = answers.get(key);
  return { key, text, fromJournal, answer: answer?.answer ?? null, answerEvidence: answer?.evidence ?? [] };
}

/** Held: figures from the log, or written answers; whole when every question has either. */
function coverageOf(hasFigures: boolean, questions: ReportQuestion[]): Coverage {
  const held = (question: ReportQuestion) => question.fromJournal || question.answer !== null;
  if (!hasFigures && !questions.some(held)) return 'non-renseigne';
  return questions.every(held) ? 'journal' : 'partiel';
}

function sectionOf(
  section: ReferentialSection,
  content: SectionContent,
  answers: ReadonlyMap<string, AnswerSnapshot>,
): ReportSection {
  const questions = section.questions.map((text, index) =>
    questionOf(questionKeyOf(section.n, index + 1), text, content.answered.includes(index), answers),
  );
  const hasFigures = content.blocks.some((b) => b.figures.some((f) => f.evidence.length > 0));
  const coverage = coverageOf(hasFigures, questions);
  const notes = [...(content.notes ?? [])];
  if (section.numberingInBody !== undefined) {
    notes.push(
      `Numérotée ${section.numberingInBody} dans le corps du référentiel, ${section.n} dans son sommaire.`,
    );
  }
  if (section.content) notes.push(`Le référentiel indique : ${section.content}.`);
  return {
    n: section.n,
    title: section.title,
    coverage,
    coverageLabel: COVERAGE_LABELS[coverage],
    questions,
    blocks: content.blocks,
    notes,
  };
}

/**
 * What the log counts for each section of the referential, recognised by its
 * number in annex 4; a referential of another shape gets only the written
 * answers for the numbers it does not share.
 */
function contentOf(section: ReferentialSection, context: ReportContext): SectionContent {
  switch (section.n) {
    case 1:
      return contextAndDates(context);
    case 2:
      return territory(context);
    case 4:
      return axesAndObjectives(context);
    case 5:
      return withMeans(partnersAndSignatories(context), coordinationFunders(context.means, context.year), 2);
    case 6:
      return governance(context);
    case 9:
      return resultsAndImpacts(context, section);
    case 10:
      return actionsProgress(context);
    case 11:
      return withMeans(coordination(context), staffTimeBlock(context.means, context.year), 0);
    case 12: {
      const budget = budgetBlocks(context.budget, context.year);
      const content = funding(context);
      return {
        ...content,
        blocks: [...budget.blocks, ...content.blocks],
        answered: budget.answered ? [...content.answered, 1] : content.answered,
      };
    }
    default:
      return { blocks: [], answered: [] };
  }
}

/** A section's content with a block of the means, and the question it answers when it has figures. */
function withMeans(
  content: SectionContent,
  means: { block: ReportBlock; answered: boolean },
  question: number,
): SectionContent {
  return {
    ...content,
    blocks: [...content.blocks, means.block],
    answered: means.answered ? [...content.answered, question] : content.answered,
  };
}

const factLine = (fact: FactSnapshot) => {
  const flags = [fact.inferred ? 'date déduite' : null, fact.planned ? 'annoncé' : null].filter(Boolean);
  return `${frenchDate(fact.date)}${flags.length > 0 ? ` (${flags.join(', ')})` : ''}`;
};

function contextAndDates({ snapshot, year, closingDate }: ReportContext): SectionContent {
  const c = snapshot.contract;
  const dates: ReportFigure[] = [];
  if (c.exists) {
    dates.push(
      figure(
        '1.periode',
        'Période du contrat',
        c.period ? `${c.period.start}-${c.period.end}` : NOT_IN_LOG,
        c.draftEvidence,
      ),
    );
  }
  const signed = c.signedOn
    ? c.signedOnPrecision === 'month'
      ? frenchDate(c.signedOn.slice(0, 7))
      : c.signedOnPrecision === 'year'
        ? c.signedOn.slice(0, 4)
        : frenchDate(c.signedOn)
    : `non signé au ${frenchDate(closingDate)}`;
  dates.push(figure('1.signature', 'Signature du contrat', signed, c.signatureEvidence));
  dates.push(
    countFigure(
      '1.avenants',
      'Avenants',
      c.amendments.length,
      c.amendments.flatMap((amendment) => amendment.evidence),
      c.amendments.map((amendment) => `${frenchDate(amendment.amendedOn)} : ${amendment.summary}`),
    ),
  );
  if (c.closedOn)
    dates.push(figure('1.cloture', 'Clôture du contrat', frenchDate(c.closedOn), c.statusEvidence));

  const facts = snapshot.facts.filter((fact) => inYear(startOfFactDate(fact.date), year));
  const factFigures =
    facts.length === 0
      ? [figure('1.faits', `Faits datés de ${year}`, 'aucun dans le journal', [])]
      : facts.map((fact) =>
          figure(`1.fait.${fact.factId}`, fact.subject, factLine(fact), fact.evidence, {
            details: [fact.details, fact.place ? `Lieu : ${fact.place}` : null].filter(
              (line): line is string => line !== null,
            ),
          }),
        );
  return {
    blocks: [
      block('1.dates', 'Le CLS en quelques dates', dates),
      block(
        '1.faits',
        `Faits de l'année ${year} enregistrés au journal`,
        factFigures,
        'Faits datés du contrat (FactRecorded), à leur date et avec leur précision.',
      ),
    ],
    answered: [3],
  };
}

function territory({ snapshot }: ReportContext): SectionContent {
  const c = snapshot.contract;
  const drafted = c.draftEvidence;
  if (!c.territory) return { blocks: [], answered: [] };
  return {
    blocks: [
      block('2.territoire', 'Le territoire', [
        figure('2.nom', 'Nom du territoire', c.territory.name, drafted),
        countFigure('2.epci', 'EPCI du territoire', c.territory.epci.length, drafted, c.territory.epci),
        countFigure(
          '2.communes-nommees',
          'Communes nommées au contrat',
          c.territory.communes.length,
          drafted,
          c.territory.communes,
        ),
      ]),
    ],
    answered: [0],
    notes: [
      'Le journal porte les communes que le contrat nomme, non le nombre de communes ni la population du territoire.',
    ],
  };
}

function axesAndObjectives({ snapshot }: ReportContext): SectionContent {
  const figures = snapshot.axes.map((axis) => {
    const fiches = snapshot.fiches.filter((fiche) => fiche.axisCode === axis.code);
    return figure(
      `4.axe.${axis.code}`,
      `Axe ${axis.code}`,
      axis.title,
      [...axis.evidence, ...fiches.flatMap((fiche) => fiche.evidence)],
      {
        number: fiches.length,
        details: fiches.map((fiche) => `Fiche-action ${fiche.code} : ${fiche.title}`),
      },
    );
  });
  return {
    blocks: [
      block('4.axes', 'Enjeux et axes du contrat', [
        countFigure(
          '4.nombre-axes',
          'Axes',
          snapshot.axes.length,
          snapshot.axes.flatMap((axis) => axis.evidence),
        ),
        countFigure(
          '4.nombre-fiches',
          'Fiches-actions',
          snapshot.fiches.length,
          snapshot.fiches.flatMap((fiche) => fiche.evidence),
        ),
        ...figures,
      ]),
    ],
    answered: snapshot.axes.length > 0 ? [0] : [],
  };
}

const isFunding = (fact: FactSnapshot) => /^funding|financ/i.test(fact.kind);

function partnersAndSignatories({ snapshot, year, closingDate }: ReportContext): SectionContent {
  const c = snapshot.contract;
  const signatories =
    c.status === 'draft'
      ? figure(
          '5.signataires',
          'Signataires du contrat',
          `contrat non signé au ${frenchDate(closingDate)}`,
          [],
          {
            details: c.parties.map(
              (party) => `Partie prévue : ${party.organisation}${party.inferred ? ' (déduite)' : ''}`,
            ),
          },
        )
      : countFigure(
          '5.signataires',
          'Signataires du contrat',
          c.signatories.length,
          c.signatureEvidence,
          c.signatories.map(
            (s) => `${s.organisation}${s.signer ? `, ${s.signer}` : ''}${s.inferred ? ' (déduit)' : ''}`,
          ),
        );

  const partners = new Map<string, number[]>();
  for (const fiche of snapshot.fiches) {
    for (const partner of fiche.partners)
      partners.set(partner, [...(partners.get(partner) ?? []), ...fiche.evidence]);
  }
  for (const action of snapshot.actions) {
    for (const partner of action.partners) {
      partners.set(partner, [...(partners.get(partner) ?? []), ...action.plannedEvidence]);
    }
  }
  const partnerNames = [...partners.keys()].sort(compareText);
  const partnersFigure = countFigure(
    '5.partenaires',
    'Partenaires nommés dans les fiches-actions et les actions',
    partnerNames.length,
    [...partners.values()].flat(),
    partnerNames,
  );

  const conventions = snapshot.conventions.map((convention) =>
    figure(
      `5.convention.${convention.conventionId}`,
      convention.title,
      convention.statusLabel,
      convention.evidence,
      {
        details: [
          `Parties : ${frenchList(convention.parties)}`,
          ...convention.signatures.map(
            (s) => `Signée par ${s.party}${s.signer ? ` (${s.signer})` : ''} le ${frenchDate(s.signedOn)}`,
          ),
          ...convention.amendments.map((a) => `Avenant du ${frenchDate(a.amendedOn)} : ${a.summary}`),
          ...(convention.terminatedOn
            ? [`Résiliée le ${frenchDate(convention.terminatedOn)} : ${convention.terminationReason ?? ''}`]
            : []),
        ],
      },
    ),
  );

  const funders = snapshot.facts.filter(
    (fact) => isFunding(fact) && inYear(startOfFactDate(fact.date), year),
  );
  const fundersFigure =
    funders.length === 0
      ? figure('5.financeurs', `Faits de financement de ${year}`, NOT_IN_LOG, [])
      : countFigure(
          '5.financeurs',
          `Financements enregistrés pour ${year}`,
          funders.length,
          funders.flatMap((fact) => fact.evidence),
          funders.map((fact) => `${fact.subject} (${frenchDate(fact.date)})`),
        );
  return {
    blocks: [
      block('5.signataires', 'Signataires, partenaires et financeurs', [
        signatories,
        partnersFigure,
        fundersFigure,
      ]),
      block(
        '5.conventions',
        'Conventions et feuilles de route',
        conventions.length > 0
          ? conventions
          : [figure('5.conventions', 'Conventions', 'aucune dans le journal', [])],
      ),
    ],
    answered: [...(c.status === 'draft' ? [] : [0]), 1, ...(funders.length > 0 ? [2] : [])],
  };
}

/** A technical committee, as the referential counts it apart from governance. */
const isTechnical = (meeting: MeetingSnapshot) => /techni|cotech/i.test(meeting.body);

const meetingLine = (meeting: MeetingSnapshot) =>
  `${frenchDate(meeting.heldOn ?? meeting.scheduledOn)} — ${meeting.body} : ${meeting.title}`;

function governance({ snapshot, year, closingDate }: ReportContext): SectionContent {
  const bodies = snapshot.governanceBodies;
  const held = snapshot.meetings.filter(
    (meeting) => meeting.status === 'held' && inYear(meeting.heldOn, year),
  );
  const steering = held.filter((meeting) => !isTechnical(meeting));
  const technical = held.filter(isTechnical);
  const heldEvidence = (meetings: MeetingSnapshot[]) => meetings.flatMap((meeting) => meeting.statusEvidence);
  const withMinutes = (meetings: MeetingSnapshot[]) =>
    meetings.filter((meeting) => meeting.minutesLink !== null);
  const pending = snapshot.meetings.filter(
    (meeting) => meeting.status === 'scheduled' && inYear(meeting.scheduledOn, year),
  );
  const cancelled = snapshot.meetings.filter(
    (meeting) => meeting.status === 'cancelled' && inYear(meeting.scheduledOn, year),
  );
  const decisions = held.reduce((total, meeting) => total + meeting.decisions.length, 0);

  const counts = [
    countFigure(
      '6.instances',
      'Instances de gouvernance définies au contrat',
      bodies.length,
      bodies.flatMap((body) => body.evidence),
      bodies.map(
        (body) =>
          `${body.body}${body.meetingsPerYear === null ? '' : ` (${count(body.meetingsPerYear, 'réunion')} par an)`}`,
      ),
    ),
    countFigure(
      '6.reunions-gouvernance',
      `Réunions de gouvernance tenues en ${year} (hors comités techniques)`,
      steering.length,
      heldEvidence(steering),
      steering.map(meetingLine),
    ),
    countFigure(
      '6.comptes-rendus-gouvernance',
      'dont avec un compte rendu enregistré',
      withMinutes(steering).length,
      heldEvidence(withMinutes(steering)),
    ),
    countFigure(
      '6.reunions-cotech',
      `Réunions de comité technique tenues en ${year}`,
      technical.length,
      heldEvidence(technical),
      technical.map(meetingLine),
    ),
    countFigure(
      '6.comptes-rendus-cotech',
      'dont avec un compte rendu enregistré',
      withMinutes(technical).length,
      heldEvidence(withMinutes(technical)),
    ),
    countFigure('6.decisions', `Décisions prises en ${year}`, decisions, heldEvidence(held)),
    countFigure(
      '6.reunions-prevues',
      `Réunions de ${year} prévues, non tenues au ${frenchDate(closingDate)}`,
      pending.length,
      pending.flatMap((meeting) => meeting.statusEvidence),
      pending.map(meetingLine),
    ),
    countFigure(
      '6.reunions-annulees',
      `Réunions de ${year} annulées`,
      cancelled.length,
      cancelled.flatMap((meeting) => meeting.statusEvidence),
      cancelled.map((meeting) => `${meetingLine(meeting)} (${meeting.cancellationReason ?? ''})`),
    ),
  ];
  const meetings = held.map((meeting) =>
    figure(
      `6.reunion.${meeting.meetingId}`,
      `${frenchDate(meeting.heldOn as string)} — ${meeting.body}`,
      meeting.title,
      meeting.evidence,
      {
        details: [
          count(meeting.attendees.length, 'participant·e', 'participant·es'),
          ...meeting.decisions.map((decision) => `Décision : ${decision}`),
          ...(meeting.minutesLink ? [`Compte rendu : ${meeting.minutesLink}`] : []),
        ],
      },
    ),
  );
  return {
    blocks: [
      block(
        '6.chiffres',
        `La gouvernance en ${year}`,
        counts,
        'Un compte rendu est compté quand la réunion tenue en porte le lien ; sa diffusion n’est pas dans le journal.',
      ),
      block('6.reunions', `Réunions tenues en ${year}`, meetings),
    ],
    answered: [1, 2, 3, 4, 5],
  };
}

function resultsAndImpacts(
  { snapshot, year, referential }: ReportContext,
  section: ReferentialSection,
): SectionContent {
  const evaluations = snapshot.evaluations.filter((evaluation) => evaluation.year === year);
  const results = evaluations.flatMap((evaluation) => evaluation.results);
  const status =
    evaluations.length === 0
      ? [figure('9.evaluation', `Évaluation de l'année ${year}`, 'non ouverte dans le journal', [])]
      : evaluations.map((evaluation) =>
          figure(
            `9.evaluation.${evaluation.evaluationId}`,
            `Évaluation de l'année ${year}`,
            evaluation.publishedOn
              ? `publiée le ${frenchDate(evaluation.publishedOn)}`
              : lowerFirst(evaluation.statusLabel),
            evaluation.statusEvidence,
            {
              number: evaluation.results.length,
              details: [count(evaluation.results.length, 'résultat noté', 'résultats notés')],
            },
          ),
        );
  // Every row of the referential's results table, scored or « non renseigné »; then any
  // other line scored for the year. Beside each, the previous year's score.
  const previous = new Map(
    snapshot.evaluations
      .filter((evaluation) => evaluation.year === year - 1)
      .flatMap((evaluation) => evaluation.results)
      .map((result) => [result.resultId, result] as const),
  );
  const scoredNow = new Map(results.map((result) => [result.resultId, result] as const));
  const rows = [
    ...referential.resultsTable,
    ...results.filter((result) => !referential.resultsTable.some((row) => row.resultId === result.resultId)),
  ];
  const scored = rows.map((row) => {
    const result = scoredNow.get(row.resultId);
    const before = previous.get(row.resultId);
    return figure(
      `9.resultat.${row.resultId}`,
      row.indicator,
      result ? `${result.score} (${lowerFirst(result.scoreMeaning)})` : NOT_ANSWERED,
      result?.evidence ?? [],
      {
        details: [
          `Question : ${row.question}`,
          ...(result ? [`Justification : ${result.justification}`] : []),
          `${year - 1} : ${before ? `${before.score} (${lowerFirst(SCORE_SCALE[before.score].meaning)})` : NOT_ANSWERED}`,
        ],
      },
    );
  });
  const distribution = SCORES.map((score) => {
    const withScore = results.filter((result) => result.score === score);
    return countFigure(
      `9.notes.${score}`,
      `Résultats notés ${score}`,
      withScore.length,
      withScore.flatMap((result) => result.evidence),
    );
  });
  const measures = snapshot.actions.flatMap((action) =>
    action.indicators.filter((measure) => measure.year === year).map((measure) => ({ action, measure })),
  );
  const indicators = measures.map(({ action, measure }) =>
    figure(
      `9.indicateur.${action.code}.${measure.indicator}.${measure.measuredOn}`,
      `${measure.indicator} (action ${action.code})`,
      `${frenchNumber(measure.value)}${measure.unit ? ` ${measure.unit}` : ''}`,
      measure.evidence,
      {
        number: measure.value,
        details: [
          `Mesuré le ${frenchDate(measure.measuredOn)}${measure.periodLabel ? `, période : ${measure.periodLabel}` : ''}`,
        ],
      },
    ),
  );
  const asked = new Set(results.map((result) => normalise(result.question)));
  const answered = section.questions.flatMap((question, index) => {
    const text = normalise(question);
    return [...asked].some(
      (scoredQuestion) => text.startsWith(scoredQuestion) || scoredQuestion.startsWith(text),
    )
      ? [index]
      : [];
  });
  return {
    blocks: [
      block('9.evaluation', `Évaluation de ${year}`, status),
      block(
        '9.resultats',
        'Résultats notés (tableau de résultats du référentiel)',
        scored,
        results.length === 0 ? 'Aucun résultat noté dans le journal pour cette année.' : null,
      ),
      block('9.repartition', 'Répartition des notes', distribution),
      block('9.indicateurs', `Indicateurs mesurés pour ${year}`, [
        countFigure(
          '9.nombre-indicateurs',
          `Mesures d'indicateurs de ${year}`,
          measures.length,
          measures.flatMap(({ measure }) => measure.evidence),
        ),
        ...indicators,
      ]),
    ],
    answered,
  };
}

const STATUS_COUNT_LABELS: Record<ActionStatus, string> = {
  planned: 'Actions prévues, non démarrées',
  in_progress: 'Actions en cours',
  suspended: 'Actions suspendues',
  completed: 'Actions réalisées',
  abandoned: 'Actions abandonnées',
};

/** Singular and plural of each status, as a count says it. */
const STATUS_WORDS: Record<ActionStatus, [string, string]> = {
  planned: ['prévue', 'prévues'],
  in_progress: ['en cours', 'en cours'],
  suspended: ['suspendue', 'suspendues'],
  completed: ['réalisée', 'réalisées'],
  abandoned: ['abandonnée', 'abandonnées'],
};

/** « 2 en cours, 1 réalisée, 8 prévues ». */
function statusSummary(actions: ActionSnapshot[]): string {
  const parts = ACTION_STATUSES.flatMap((status) => {
    const n = actions.filter((action) => action.status === status).length;
    return n === 0 ? [] : [count(n, ...STATUS_WORDS[status])];
  });
  return `${count(actions.length, 'action')}${parts.length > 0 ? ` : ${parts.join(', ')}` : ''}`;
}

function actionsProgress({ snapshot, year, closingDate }: ReportContext): SectionContent {
  const actions = snapshot.actions;
  const statusEvidence = (list: ActionSnapshot[]) => list.flatMap((action) => action.statusEvidence);
  const byStatus = ACTION_STATUSES.map((status) => {
    const list = actions.filter((action) => action.status === status);
    return countFigure(`10.statut.${status}`, STATUS_COUNT_LABELS[status], list.length, statusEvidence(list));
  });
  const started = actions.filter((action) => inYear(action.startedOn, year));
  const completed = actions.filter((action) => action.status === 'completed' && inYear(action.endedOn, year));

  const progressCounts = (['on_track', 'delayed', 'blocked'] as Progress[]).map((progress) => {
    const list = actions.filter(
      (action) => action.status === 'in_progress' && action.progress?.progress === progress,
    );
    return countFigure(
      `10.avancement.${progress}`,
      `Actions en cours déclarées « ${lowerFirst(PROGRESS_LABELS[progress])} »`,
      list.length,
      list.flatMap((action) => action.progress?.evidence ?? []),
      list.map((action) => `${action.code} (point du ${frenchDate(action.progress?.reportedOn ?? '')})`),
    );
  });
  const withPercent = actions.filter(
    (action) => action.status === 'in_progress' && action.progress?.percentComplete != null,
  );
  const mean =
    withPercent.length === 0
      ? null
      : Math.round(
          withPercent.reduce((total, action) => total + (action.progress?.percentComplete ?? 0), 0) /
            withPercent.length,
        );
  const percentFigure = figure(
    '10.part-realisee',
    'Part réalisée moyenne déclarée (actions en cours)',
    mean === null ? NOT_IN_LOG : frenchPercent(mean),
    withPercent.flatMap((action) => action.progress?.evidence ?? []),
    {
      number: mean,
      details: withPercent.map(
        (action) => `${action.code} : ${frenchPercent(action.progress?.percentComplete ?? 0)}`,
      ),
    },
  );

  const byAxis = snapshot.axes.map((axis) => {
    const list = actions.filter((action) => action.axisCode === axis.code);
    return figure(
      `10.axe.${axis.code}`,
      `Axe ${axis.code} — ${axis.title}`,
      statusSummary(list),
      statusEvidence(list),
      {
        number: list.length,
      },
    );
  });
  const byFiche = snapshot.fiches.map((fiche) => {
    const list = actions.filter((action) => action.ficheCode === fiche.code);
    return figure(
      `10.fiche.${fiche.code}`,
      `Fiche-action ${fiche.code} — ${fiche.title}`,
      statusSummary(list),
      statusEvidence(list),
      { number: list.length },
    );
  });

  // Deliverables: those planned by the actions scheduled for the year, and those produced in it.
  const scheduled = actions.filter((action) => action.plannedYears.years.includes(year));
  const plannedForYear = scheduled.flatMap((action) =>
    action.deliverables.filter((d) => d.planned).map((deliverable) => ({ action, deliverable })),
  );
  const plannedDone = plannedForYear.filter(({ deliverable }) => deliverable.producedOn !== null);
  const producedInYear = actions
    .flatMap((action) => action.deliverables.map((deliverable) => ({ action, deliverable })))
    .filter(({ deliverable }) => inYear(deliverable.producedOn, year))
    .sort(
      (a, b) =>
        compareText(a.deliverable.producedOn as string, b.deliverable.producedOn as string) ||
        compareCodes(a.action.code, b.action.code) ||
        compareCodes(a.deliverable.deliverableId, b.deliverable.deliverableId),
    );
  const unplannedInYear = producedInYear.filter(({ deliverable }) => !deliverable.planned);
  const producedEvidence = (list: typeof producedInYear) =>
    list.flatMap(({ action, deliverable }) =>
      deliverable.evidence.filter((p) => !action.plannedEvidence.includes(p)),
    );
  const undetermined = actions.filter(
    (action) => action.plannedYears.years.length === 0 || action.plannedYears.uncertain,
  );
  const deliverables = [
    countFigure(
      '10.livrables-prevus',
      `Livrables prévus par les actions programmées en ${year}`,
      plannedForYear.length,
      scheduled
        .filter((action) => action.deliverables.some((d) => d.planned))
        .flatMap((a) => a.plannedEvidence),
      plannedForYear.map(
        ({ action, deliverable }) => `${action.code} ${deliverable.deliverableId} : ${deliverable.title}`,
      ),
    ),
    countFigure(
      '10.livrables-prevus-produits',
      `dont produits au ${frenchDate(closingDate)}`,
      plannedDone.length,
      producedEvidence(plannedDone),
      plannedDone.map(
        ({ action, deliverable }) =>
          `${action.code} ${deliverable.deliverableId} : produit le ${frenchDate(deliverable.producedOn as string)}`,
      ),
    ),
    countFigure(
      '10.livrables-produits',
      `Livrables produits en ${year}`,
      producedInYear.length,
      producedEvidence(producedInYear),
      producedInYear.map(
        ({ action, deliverable }) =>
          `${frenchDate(deliverable.producedOn as string)} — ${action.code} ${deliverable.deliverableId} : ${deliverable.title}${deliverable.planned ? '' : ' (non prévu)'}`,
      ),
    ),
    countFigure(
      '10.livrables-non-prevus',
      'dont non prévus au plan d’action',
      unplannedInYear.length,
      producedEvidence(unplannedInYear),
    ),
    countFigure(
      '10.calendrier-incertain',
      'Actions au calendrier incertain ou non précisé',
      undetermined.length,
      undetermined.flatMap((action) => action.plannedEvidence),
      undetermined.map((action) => action.code),
    ),
  ];

  const detail = actions.map((action) => {
    const progress = action.progress;
    const value = `${action.statusLabel}${
      action.status === 'in_progress' && progress
        ? ` — ${lowerFirst(progress.progressLabel)}${progress.percentComplete === null ? '' : ` (${frenchPercent(progress.percentComplete)})`}`
        : ''
    }`;
    const produced = action.deliverables.filter((d) => d.producedOn !== null).length;
    const planned = action.deliverables.filter((d) => d.planned).length;
    return figure(`10.action.${action.code}`, `${action.code} — ${action.title}`, value, action.evidence, {
      details: [
        ...(action.startedOn ? [`Démarrée le ${frenchDate(action.startedOn)}`] : []),
        ...(action.endedOn ? [`${action.statusLabel} le ${frenchDate(action.endedOn)}`] : []),
        ...(action.status === 'suspended' && action.statusSince
          ? [`Suspendue le ${frenchDate(action.statusSince)}`]
          : []),
        `Livrables : ${frenchNumber(produced)} produit${produced > 1 ? 's' : ''} sur ${frenchNumber(planned)} prévu${planned > 1 ? 's' : ''}`,
        ...(progress?.comment ? [`Dernier point : ${progress.comment}`] : []),
      ],
    });
  });

  return {
    blocks: [
      block('10.etat', `État d'avancement au ${frenchDate(closingDate)}`, [
        countFigure(
          '10.actions',
          'Actions du contrat',
          actions.length,
          actions.flatMap((a) => a.plannedEvidence),
        ),
        ...byStatus,
        countFigure(
          '10.demarrees',
          `Actions démarrées en ${year}`,
          started.length,
          started.flatMap((a) => a.startedEvidence),
          started.map((a) => a.code),
        ),
        countFigure(
          '10.realisees',
          `Actions réalisées en ${year}`,
          completed.length,
          completed.flatMap((a) => a.statusEvidence),
          completed.map((a) => a.code),
        ),
        ...progressCounts,
        percentFigure,
      ]),
      block('10.axes', 'Par axe', byAxis),
      block('10.fiches', 'Par fiche-action', byFiche),
      block(
        '10.livrables',
        `Livrables de ${year}`,
        deliverables,
        'Une action est programmée pour l’année quand ses années prévues la comprennent ; les actions au calendrier non précisé ne le sont pour aucune.',
      ),
      block('10.detail', 'Les actions une à une', detail),
    ],
    answered: [],
  };
}

function coordination({ snapshot }: ReportContext): SectionContent {
  // The team that coordinates the contract, as the contract names it (« Coordination du CLS… »).
  const teams = snapshot.governanceBodies.filter((body) => /^coordination\b/i.test(body.body));
  return {
    blocks:
      teams.length === 0
        ? []
        : [
            block(
              '11.coordination',
              'Coordination définie au contrat',
              teams.map((team) =>
                figure(`11.instance.${team.body}`, team.body, team.role || NOT_IN_LOG, team.evidence, {
                  details: team.members,
                }),
              ),
              'Telle que le contrat la définit ; le temps de travail enregistré est ci-dessous.',
            ),
          ],
    answered: [],
  };
}

const figureValue = (value: unknown): string =>
  typeof value === 'number'
    ? frenchNumber(value)
    : typeof value === 'string'
      ? value
      : typeof value === 'boolean'
        ? value
          ? 'oui'
          : 'non'
        : canonicalJson(value ?? null);

function funding({ snapshot, year }: ReportContext): SectionContent {
  const facts = snapshot.facts.filter((fact) => isFunding(fact) && inYear(startOfFactDate(fact.date), year));
  const figures =
    facts.length === 0
      ? [figure('12.financements', `Financements de ${year}`, NOT_IN_LOG, [])]
      : facts.map((fact) =>
          figure(`12.financement.${fact.factId}`, fact.subject, factLine(fact), fact.evidence, {
            details: [
              ...Object.keys(fact.figures)
                .sort(compareText)
                .map((key) => `${key} : ${figureValue(fact.figures[key])}`),
              ...Object.keys(fact.attributes)
                .sort(compareText)
                .map((key) => `${key} : ${figureValue(fact.attributes[key])}`),
              ...(fact.details ? [fact.details] : []),
            ],
          }),
        );
  return {
    blocks: [
      block(
        '12.financements',
        `Financements de ${year}`,
        figures,
        'Faits de financement enregistrés au journal (faits datés), tels qu’ils y figurent ; le budget par ligne de financement est ci-dessus.',
      ),
    ],
    answered: [],
  };
}

/**
 * The report a publication freezes: the year's, as the log knew it on the day it was
 * sealed (the record clock: the answers and scores of a year are written after it
 * ends), from the log up to the position the publication covers.
 */
export const publishedReportOptions = (
  contractId: string,
  year: number,
  closingDate: string,
): EvaluationReportOptions => ({ contractId, year, time: 'recorded', closingDate });

/** The SHA-256 of the canonical report (without attestation, which changes with each check). */
export const reportContentHash = (report: EvaluationReport): string =>
  createHash('sha256').update(reportJson(report), 'utf8').digest('hex');

/**
 * The report as canonical JSON (sorted keys, no spaces): the same report, the same
 * bytes. With its attestation, `signedHead` (and `refused` when none was signed).
 */
export function reportJson(report: EvaluationReport, attestation?: Attestation): string {
  return canonicalJson(attestation ? { ...report, ...attestation } : report);
}
