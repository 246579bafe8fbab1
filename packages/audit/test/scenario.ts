import { defaultSharedDir, loadSeeds, type PlannedCommand, planDemo } from '@cls/demo';
import type { RecordedEvent } from '@cls/event-store';
import { replay, type ScriptedCommand } from './replay.js';

/*
 * The logs the tests read: the demo's replay of ../shared/seeds, followed by a
 * scenario of the Cœur d'Hérault 2024 contract's first two years (invented for the
 * tests: the seeds stop at the contract's text), and a small contract that needs
 * no seeds.
 */

export const SHARED_DIR = defaultSharedDir();
export const seeds = loadSeeds(SHARED_DIR);

// Said by every test file that imports this one, since each runs on its own.
if (!seeds) console.log(`[audit] tests on the demo skipped: no seeds under ${SHARED_DIR} (set SHARED_DIR).`);

/** When the demo's commands are recorded: the seeds are loaded before the scenario begins. */
export const SEEDED_AT = '2024-05-02T08:00:00.000Z';

export const CDH = 'cls-coeur-herault-2024';
export const CDH_2019 = 'cls-coeur-herault-2019';
export const action = (code: string) => `${CDH}.${code}`;

const at = (day: string) => `${day}T09:30:00.000Z`;

/** The scenario of 2024-2026 on the Cœur d'Hérault contract, each command recorded on its own day. */
export function scenario(plan: PlannedCommand[]): ScriptedCommand[] {
  // The demo signs the contract (in 2024, its day unknown: its annexes are « annexées au CLS 2024-2029 »).
  if (!plan.some((planned) => planned.key === `${CDH}:sign`))
    throw new Error('la démo ne signe plus le contrat');
  const commands: ScriptedCommand[] = [];
  const add = (key: string, recordedOn: string, command: ScriptedCommand['command']) =>
    commands.push({ key, command, recordedAt: at(recordedOn) });

  // The bodies the scenario's meetings belong to, beside those the seeds define.
  for (const body of ['Comité de pilotage', 'Comité technique'])
    add(`body:${body}`, '2024-09-01', { type: 'DefineGovernanceBody', contractId: CDH, body });
  add('copil-2024:schedule', '2024-09-01', {
    type: 'ScheduleMeeting',
    meetingId: 'cdh-copil-2024',
    contractId: CDH,
    body: 'Comité de pilotage',
    title: 'COPIL de lancement',
    scheduledOn: '2024-10-10',
    place: 'Saint-André-de-Sangonis',
  });
  add('copil-2024:hold', '2024-10-11', {
    type: 'HoldMeeting',
    meetingId: 'cdh-copil-2024',
    heldOn: '2024-10-10',
    attendees: [{ name: 'Coordination CLS' }, { name: 'ARS Occitanie', organisation: 'ARS' }],
    decisions: ['Feuille de route 2025 validée'],
  });
  add('action-1.1-A1:start', '2024-09-03', {
    type: 'StartAction',
    actionId: action('1.1-A1'),
    startedOn: '2024-09-02',
  });
  add('action-2.1-A1:start', '2024-11-05', {
    type: 'StartAction',
    actionId: action('2.1-A1'),
    startedOn: '2024-11-04',
  });
  add('fact-2024', '2024-12-02', {
    type: 'RecordFact',
    contractId: CDH,
    factId: 'cdh2024-forum',
    kind: 'event_held',
    subject: 'Forum santé du Lodévois',
    date: '2024-11-28',
    precision: 'day',
    figures: {},
    attributes: {},
    dateInferred: false,
    planned: false,
  });
  add('action-1.1-A1:indicator-2024', '2025-01-10', {
    type: 'MeasureIndicator',
    actionId: action('1.1-A1'),
    indicator: 'Nombre de MSP ayant adhéré à l’ACI',
    value: 4,
    unit: 'MSP',
    period: { year: 2024 },
    measuredOn: '2025-01-10',
  });
  add('action-1.4-A1:start', '2025-01-16', {
    type: 'StartAction',
    actionId: action('1.4-A1'),
    startedOn: '2025-01-15',
  });
  add('evaluation-2024:open', '2025-01-20', {
    type: 'OpenEvaluation',
    contractId: CDH,
    year: 2024,
  });
  add('evaluation-2024:score', '2025-01-27', {
    type: 'ScoreResult',
    evaluationId: `${CDH}.2024`,
    resultId: 'leviers-decloisonnement',
    question:
      'Dans quelle mesure la démarche CLS a-t-elle permis d’activer les principaux leviers permettant d’agir sur l’ISTS ?',
    indicator: 'Décloisonnement des services de l’État, de la collectivité et avec les autres partenaires',
    score: '-',
    evidence: 'Première année : peu d’instances communes',
  });
  add('action-2.3-A1:start', '2025-02-03', {
    type: 'StartAction',
    actionId: action('2.3-A1'),
    startedOn: '2025-02-01',
  });
  add('action-2.1-A1:progress', '2025-02-03', {
    type: 'ReportProgress',
    actionId: action('2.1-A1'),
    reportedOn: '2025-02-01',
    progress: 'on_track',
    percentComplete: 30,
  });
  add('offer-msp:register', '2025-02-02', {
    type: 'RegisterOffer',
    offerId: 'test-msp-lodeve',
    source: 'manual',
    kind: 'msp',
    name: 'Maison de santé pluriprofessionnelle de Lodève',
    address: { line: '2 avenue de la Gare', postcode: '34700', communeInsee: '34142', communeName: 'Lodève' },
    position: { lon: 3.3167, lat: 43.7317 },
    verifiedOn: '2025-02-01',
  });
  add('offer-msp:link', '2025-02-03', {
    type: 'LinkOfferToAction',
    offerId: 'test-msp-lodeve',
    actionId: action('1.1-A1'),
    contractId: CDH,
    deliverableId: 'L2',
  });
  add('meeting-copil-2025:schedule', '2025-02-01', {
    type: 'ScheduleMeeting',
    meetingId: 'cdh-copil-2025',
    contractId: CDH,
    body: 'Comité de pilotage',
    title: 'COPIL annuel 2025',
    scheduledOn: '2025-03-13',
  });
  add('convention-cpts:sign-pays', '2025-02-11', {
    type: 'SignConvention',
    conventionId: 'cls-ch-2024-annexe8-cpts',
    party: "Pays Cœur d'Hérault",
    signedOn: '2025-02-10',
  });
  add('convention-cpts:sign-cpts', '2025-03-03', {
    type: 'SignConvention',
    conventionId: 'cls-ch-2024-annexe8-cpts',
    party: 'CPTS Centre Hérault',
    signer: 'Présidente de la CPTS',
    signedOn: '2025-03-01',
  });
  add('meeting-copil-2025:hold', '2025-03-14', {
    type: 'HoldMeeting',
    meetingId: 'cdh-copil-2025',
    heldOn: '2025-03-13',
    attendees: [
      { name: 'Présidence du Pays', organisation: "Pays Cœur d'Hérault" },
      { name: 'Délégation départementale', organisation: 'ARS Occitanie' },
      { name: 'Direction', organisation: 'CPAM de l’Hérault' },
    ],
    decisions: ['Bilan 2024 adopté', 'Priorité 2025 : démographie médicale'],
    minutesLink: 'https://example.org/cls/copil-2025-03-13.pdf',
  });
  add('fact-funding-2025', '2025-04-01', {
    type: 'RecordFact',
    contractId: CDH,
    factId: 'cdh2025-financement-ars',
    kind: 'funding_granted',
    subject: 'Financement ARS de la coordination du CLS',
    date: '2025-03',
    precision: 'month',
    figures: { montant: 35000, unite: 'euros' },
    attributes: { financeur: 'ARS Occitanie' },
    dateInferred: false,
    planned: false,
  });
  add('action-3.5-A2:abandon', '2025-04-02', {
    type: 'AbandonAction',
    actionId: action('3.5-A2'),
    abandonedOn: '2025-04-01',
    reason: 'Porteur dissous',
  });
  add('action-1.4-A1:deliverable-L1', '2025-04-03', {
    type: 'ProduceDeliverable',
    actionId: action('1.4-A1'),
    deliverableId: 'L1',
    title: 'Annuaire des ressources',
    producedOn: '2025-04-02',
  });
  add('convention-cpam:sign', '2025-05-06', {
    type: 'SignConvention',
    conventionId: 'cls-ch-2024-annexe6-cpam',
    party: "CLS du Pays Cœur d'Hérault",
    signedOn: '2025-05-05',
  });
  add('meeting-cotech-2025:schedule', '2025-05-01', {
    type: 'ScheduleMeeting',
    meetingId: 'cdh-cotech-2025-06',
    contractId: CDH,
    body: 'Comité technique',
    title: 'COTECH de juin',
    scheduledOn: '2025-06-05',
  });
  add('meeting-cotech-2025:hold', '2025-06-20', {
    type: 'HoldMeeting',
    meetingId: 'cdh-cotech-2025-06',
    heldOn: '2025-06-05',
    attendees: [{ name: 'Coordination CLS' }],
    decisions: ['Calendrier des groupes de travail arrêté'],
  });
  add('action-1.1-A1:progress', '2025-07-01', {
    type: 'ReportProgress',
    actionId: action('1.1-A1'),
    reportedOn: '2025-06-30',
    progress: 'delayed',
    percentComplete: 40,
    comment: 'Enquête relancée auprès des libéraux',
  });
  add('amend', '2025-07-02', {
    type: 'AmendContract',
    contractId: CDH,
    amendedOn: '2025-07-01',
    summary: 'Avenant n° 1 : calendrier des actions de l’axe 1 précisé',
  });
  add('meeting-gt-2025:schedule', '2025-08-01', {
    type: 'ScheduleMeeting',
    meetingId: 'cdh-gt-2025-09',
    contractId: CDH,
    body: 'CLSM – Groupes de travail thématiques',
    title: 'GT santé mentale et accès aux soins',
    scheduledOn: '2025-09-18',
  });
  // Produced in March, recorded in September: business and record time differ.
  add('action-1.1-A1:deliverable-L1', '2025-09-01', {
    type: 'ProduceDeliverable',
    actionId: action('1.1-A1'),
    deliverableId: 'L1',
    title: 'Enquête sur l’attractivité médicale',
    producedOn: '2025-03-10',
    link: 'https://example.org/cls/enquete-attractivite.pdf',
  });
  add('action-2.1-A1:suspend', '2025-09-02', {
    type: 'SuspendAction',
    actionId: action('2.1-A1'),
    suspendedOn: '2025-09-01',
    reason: 'Départ de la chargée de mission',
  });
  add('meeting-gt-2025:cancel', '2025-09-10', {
    type: 'CancelMeeting',
    meetingId: 'cdh-gt-2025-09',
    reason: 'Trop peu de participants inscrits',
  });
  add('meeting-plenary-2025:schedule', '2025-10-01', {
    type: 'ScheduleMeeting',
    meetingId: 'cdh-pleniere-2025',
    contractId: CDH,
    body: 'CLSM – Assemblée plénière',
    title: 'Assemblée plénière annuelle',
    scheduledOn: '2025-11-20',
  });
  add('action-1.1-A1:deliverable-X1', '2025-10-16', {
    type: 'ProduceDeliverable',
    actionId: action('1.1-A1'),
    deliverableId: 'X1',
    title: 'Guide d’installation des jeunes médecins',
    producedOn: '2025-10-15',
  });
  add('action-1.4-A1:complete', '2025-11-03', {
    type: 'CompleteAction',
    actionId: action('1.4-A1'),
    completedOn: '2025-10-31',
  });
  add('action-1.1-A1:indicator-2025', '2025-12-16', {
    type: 'MeasureIndicator',
    actionId: action('1.1-A1'),
    indicator: 'Nombre de MSP ayant adhéré à l’ACI',
    value: 5,
    unit: 'MSP',
    period: { year: 2025 },
    measuredOn: '2025-12-15',
  });
  add('action-2.3-A1:deliverable-L2', '2026-01-12', {
    type: 'ProduceDeliverable',
    actionId: action('2.3-A1'),
    deliverableId: 'L2',
    title: 'Programme des SISM 2025',
    producedOn: '2025-12-30',
  });
  add('evaluation-2025:open', '2026-01-15', {
    type: 'OpenEvaluation',
    contractId: CDH,
    year: 2025,
  });
  const question =
    'Dans quelle mesure la démarche CLS a-t-elle permis d’activer les principaux leviers permettant d’agir sur l’ISTS ?';
  add('evaluation-2025:score-1', '2026-01-22', {
    type: 'ScoreResult',
    evaluationId: `${CDH}.2025`,
    resultId: 'leviers-decloisonnement',
    question,
    indicator: 'Décloisonnement des services de l’État, de la collectivité et avec les autres partenaires',
    score: '-',
    evidence: 'Brouillon',
  });
  add('evaluation-2025:score-2', '2026-01-22', {
    type: 'ScoreResult',
    evaluationId: `${CDH}.2025`,
    resultId: 'leviers-coordination',
    question,
    indicator: 'Amélioration de la coordination des politiques publiques sur le territoire',
    score: '++',
    evidence: 'Convention CPTS signée, COPIL tenu',
  });
  add('action-1.3-A2:start', '2026-01-21', {
    type: 'StartAction',
    actionId: action('1.3-A2'),
    startedOn: '2026-01-20',
  });
  // Scored again: the new score replaces the draft one.
  add('evaluation-2025:score-1-again', '2026-02-05', {
    type: 'ScoreResult',
    evaluationId: `${CDH}.2025`,
    resultId: 'leviers-decloisonnement',
    question,
    indicator: 'Décloisonnement des services de l’État, de la collectivité et avec les autres partenaires',
    score: '+',
    evidence: 'COPIL et COTECH communs avec la CPTS',
  });
  add('evaluation-2025:score-3', '2026-02-05', {
    type: 'ScoreResult',
    evaluationId: `${CDH}.2025`,
    resultId: 'parcours-ville-hopital',
    question: 'Quelle est la plus-value apportée par le CLS à l’amélioration des parcours de santé ?',
    indicator: 'Amélioration de la coordination Ville/Hôpital/Ville',
    score: '--',
    evidence: 'Feuille de route CHU non signée',
  });
  add('evaluation-2025:publish', '2026-03-20', {
    type: 'PublishEvaluation',
    evaluationId: `${CDH}.2025`,
    publishedOn: '2026-03-20',
  });
  return commands;
}

/** An offer of the demo's territory with no link to any contract, closed in 2025. */
export const unlinkedOffer: ScriptedCommand[] = [
  {
    key: 'offer-cmp:register',
    recordedAt: at('2024-05-02'),
    command: {
      type: 'RegisterOffer',
      offerId: 'test-cmp-clermont',
      source: 'finess',
      finess: '340000000',
      kind: 'cmp',
      name: 'CMP de Clermont-l’Hérault',
      address: { line: '1 rue du Marché', postcode: '34800', communeName: "Clermont-l'Hérault" },
      position: { lon: 3.43, lat: 43.63 },
      verifiedOn: '2024-05-01',
    },
  },
  {
    key: 'offer-cmp:update',
    recordedAt: at('2025-01-06'),
    command: {
      type: 'UpdateOffer',
      offerId: 'test-cmp-clermont',
      changes: { phone: '0467000000' },
      verifiedOn: '2025-01-06',
    },
  },
  {
    key: 'offer-cmp:close',
    recordedAt: at('2025-07-15'),
    command: { type: 'CloseOffer', offerId: 'test-cmp-clermont', closedOn: '2025-06-30', reason: 'Regroupé' },
  },
];

/** The demo's replay of the seeds, then the scenario; undefined without seeds. Each call replays anew. */
export async function demoLog(): Promise<RecordedEvent[] | undefined> {
  if (!seeds) return undefined;
  const plan = planDemo(seeds);
  // The store's positions follow its clock: the scripted commands run in the order they are recorded.
  const scripted = [...unlinkedOffer, ...scenario(plan)].sort((a, b) =>
    (a.recordedAt ?? SEEDED_AT) < (b.recordedAt ?? SEEDED_AT)
      ? -1
      : (a.recordedAt ?? SEEDED_AT) > (b.recordedAt ?? SEEDED_AT)
        ? 1
        : 0,
  );
  return replay([...plan, ...scripted], { recordedAt: SEEDED_AT });
}
