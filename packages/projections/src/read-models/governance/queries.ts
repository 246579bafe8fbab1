import type {
  ConventionKind,
  ConventionStatus,
  DecisionStatus,
  EvaluationSeal,
  EvaluationStatus,
  MeetingStatus,
  Score,
} from '@cls/domain';
import type { Pool } from '@cls/postgres';
import { LiveTables } from '../../live-tables.js';
import { governanceProjection } from './projection.js';

export interface ConventionView {
  conventionId: string;
  title: string;
  kind: ConventionKind;
  object: string;
  status: ConventionStatus;
  amendments: number;
  /** Its avenants, oldest first: the day each was signed and what it changes. */
  amendmentList: Array<{ amendedOn: string; summary: string }>;
  terminatedOn: string | null;
  terminationReason: string | null;
  /** Revision of the convention's stream this view shows: its edit forms' `expectedRevision`. */
  revision: number;
  /** `signer` is sealed with the key of `signerId`: the host opens it for readers. */
  parties: Array<{ party: string; signer: string | null; signerId: string | null; signedOn: string | null }>;
}

export interface MeetingView {
  meetingId: string;
  body: string;
  title: string;
  scheduledOn: string;
  place: string | null;
  status: MeetingStatus;
  heldOn: string | null;
  /** `name` is sealed with the key of `personId`: the host opens it for readers. */
  attendees: Array<{ name: string; organisation?: string; personId?: string }>;
  decisions: DecisionView[];
  minutesLink: string | null;
  cancellationReason: string | null;
}

/** A decision of a held meeting and where its follow-up stands. */
export interface DecisionView {
  decisionId: string;
  text: string;
  owner: string | null;
  /** Sealed with the key of `ownerPersonId`: the host opens it for readers. */
  ownerPerson: string | null;
  ownerPersonId: string | null;
  dueOn: string | null;
  actionIds: string[];
  status: DecisionStatus;
  statusOn: string | null;
  followUps: Array<{ status: DecisionStatus; on: string; comment: string | null }>;
}

/** A governance body of a contract: composition, role, expected frequency (null: « non renseignée »). */
export interface GovernanceBodyView {
  body: string;
  role: string;
  members: string[];
  meetingsPerYear: number | null;
  /** Revision of the contract's stream the body is on, as read with it: its edit form's `expectedRevision`. */
  revision: number;
}

export interface EvaluationView {
  evaluationId: string;
  year: number;
  status: EvaluationStatus;
  publishedOn: string | null;
  results: Array<{ resultId: string; question: string; indicator: string; score: Score; evidence: string }>;
  /** The publication's seal: the report's content hash, the log position it covers, the signature. */
  seal: EvaluationSeal | null;
  /** The written answers, by question key (`7.1`), each the latest. */
  answers: Array<{ questionKey: string; answer: string }>;
}

export class GovernanceQueries {
  private readonly tables: LiveTables;

  constructor(pool: Pool) {
    this.tables = new LiveTables(pool, governanceProjection.name);
  }

  /** Conventions of a contract, each party with who signed and when. */
  conventions(contractId: string): Promise<ConventionView[]> {
    return this.tables.query<ConventionView>(
      (schema) =>
        `SELECT c.convention_id AS "conventionId", c.title, c.kind, c.object, c.status, c.amendments, c.revision,
                c.amendment_list AS "amendmentList", c.terminated_on::text AS "terminatedOn",
                c.termination_reason AS "terminationReason",
                coalesce(json_agg(json_build_object('party', p.party, 'signer', p.signer, 'signerId', p.signer_id, 'signedOn', p.signed_on)
                  ORDER BY p.ordinal) FILTER (WHERE p.party IS NOT NULL), '[]') AS parties
           FROM ${schema}.conventions c LEFT JOIN ${schema}.convention_parties p USING (convention_id)
          WHERE c.contract_id = $1 GROUP BY c.convention_id ORDER BY c.title`,
      [contractId],
    );
  }

  /** Governance meetings of a contract, by date, each with its decisions in their order. */
  meetings(contractId: string): Promise<MeetingView[]> {
    return this.tables.query<MeetingView>(
      (schema) =>
        `SELECT m.meeting_id AS "meetingId", m.body, m.title, m.scheduled_on::text AS "scheduledOn", m.place, m.status,
                m.held_on::text AS "heldOn", m.attendees, m.minutes_link AS "minutesLink",
                m.cancellation_reason AS "cancellationReason",
                coalesce((SELECT json_agg(json_build_object('decisionId', d.decision_id, 'text', d.text, 'owner', d.owner,
                            'ownerPerson', d.owner_person, 'ownerPersonId', d.owner_person_id, 'dueOn', d.due_on,
                            'actionIds', d.action_ids, 'status', d.status, 'statusOn', d.status_on,
                            'followUps', d.follow_ups) ORDER BY d.ordinal)
                            FROM ${schema}.decisions d WHERE d.meeting_id = m.meeting_id), '[]') AS decisions
           FROM ${schema}.meetings m WHERE m.contract_id = $1 ORDER BY m.scheduled_on, m.meeting_id`,
      [contractId],
    );
  }

  /** The governance bodies of a contract, in the order they were defined. */
  governanceBodies(contractId: string): Promise<GovernanceBodyView[]> {
    return this.tables.query<GovernanceBodyView>(
      (schema) =>
        `SELECT body, role, members, meetings_per_year AS "meetingsPerYear",
                coalesce((SELECT r.revision FROM ${schema}.contract_revisions r WHERE r.contract_id = b.contract_id), 0) AS revision
           FROM ${schema}.governance_bodies b WHERE contract_id = $1 ORDER BY position`,
      [contractId],
    );
  }

  /** Annual evaluations of a contract, each with its grid of scored results. */
  evaluations(contractId: string): Promise<EvaluationView[]> {
    return this.tables.query<EvaluationView>(
      (schema) =>
        `SELECT e.evaluation_id AS "evaluationId", e.year, e.status, e.published_on::text AS "publishedOn", e.seal,
                coalesce(json_agg(json_build_object('resultId', r.result_id, 'question', r.question, 'indicator', r.indicator,
                  'score', r.score, 'evidence', r.evidence) ORDER BY r.result_id) FILTER (WHERE r.result_id IS NOT NULL), '[]') AS results,
                (SELECT coalesce(json_agg(json_build_object('questionKey', a.question_key, 'answer', a.answer)
                          ORDER BY a.question_key), '[]')
                   FROM ${schema}.evaluation_answers a WHERE a.evaluation_id = e.evaluation_id) AS answers
           FROM ${schema}.evaluations e LEFT JOIN ${schema}.evaluation_results r USING (evaluation_id)
          WHERE e.contract_id = $1 GROUP BY e.evaluation_id ORDER BY e.year DESC`,
      [contractId],
    );
  }
}
