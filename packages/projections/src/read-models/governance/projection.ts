import {
  CONTRACT_EVENT_TYPES,
  CONVENTION_EVENT_TYPES,
  decisionsOf,
  EVALUATION_EVENT_TYPES,
  isEventOf,
  MEETING_EVENT_TYPES,
} from '@cls/domain';
import { defineProjection, type ProjectedEvent, type ProjectionTransaction } from '../../projection.js';

const HANDLES = [
  ...CONVENTION_EVENT_TYPES,
  ...MEETING_EVENT_TYPES,
  ...EVALUATION_EVENT_TYPES,
  // The contract's governance bodies (what its meetings belong to), and the revision of the
  // contract's stream they are on: every event of that stream.
  ...CONTRACT_EVENT_TYPES,
] as const;

/**
 * What runs around the actions: conventions and who signed them when,
 * governance meetings and their decisions, annual evaluation grids. (Measures
 * of indicators are the indicators read model's.)
 */
export const governanceProjection = defineProjection({
  name: 'governance',
  // 2: the subject of each convention signer (whose key seals the name).
  // 3: governance bodies; decisions with owner, due date, actions and follow-up; minutes and cancellation reason.
  // 4: the revision of each convention's stream and of each contract's (its bodies), what an edit form
  //    was filled from (expectedRevision).
  // 5: each convention's avenants (date, object) and its termination's reason.
  // 6: indicator measures left to the indicators read model, which aggregates them by their rule.
  // 7: the evaluations' written answers to the referential's questions; a publication's seal.
  version: 7,
  handles: HANDLES,
  schemaSql: `
    CREATE TABLE {schema}.conventions (
      convention_id text PRIMARY KEY, contract_id text, title text NOT NULL, kind text NOT NULL, object text NOT NULL,
      status text NOT NULL, amendments integer NOT NULL DEFAULT 0, terminated_on date,
      amendment_list jsonb NOT NULL DEFAULT '[]', termination_reason text,
      revision integer NOT NULL DEFAULT 0
    );
    CREATE TABLE {schema}.convention_parties (
      convention_id text NOT NULL, party text NOT NULL, ordinal integer NOT NULL, signer text, signer_id text, signed_on date,
      PRIMARY KEY (convention_id, party)
    );
    CREATE TABLE {schema}.contract_revisions (contract_id text PRIMARY KEY, revision integer NOT NULL);
    CREATE TABLE {schema}.governance_bodies (
      contract_id text NOT NULL, body text NOT NULL, position bigint NOT NULL, role text NOT NULL,
      members jsonb NOT NULL DEFAULT '[]', meetings_per_year double precision,
      PRIMARY KEY (contract_id, body)
    );
    CREATE TABLE {schema}.meetings (
      meeting_id text PRIMARY KEY, contract_id text NOT NULL, body text NOT NULL, title text NOT NULL,
      scheduled_on date NOT NULL, place text, status text NOT NULL, held_on date,
      attendees jsonb NOT NULL DEFAULT '[]', minutes_link text, cancellation_reason text
    );
    CREATE TABLE {schema}.decisions (
      meeting_id text NOT NULL, decision_id text NOT NULL, contract_id text NOT NULL, ordinal integer NOT NULL,
      text text NOT NULL, owner text, owner_person text, owner_person_id text, due_on date,
      action_ids jsonb NOT NULL DEFAULT '[]', status text NOT NULL DEFAULT 'todo', status_on date,
      follow_ups jsonb NOT NULL DEFAULT '[]',
      PRIMARY KEY (meeting_id, decision_id)
    );
    CREATE TABLE {schema}.evaluations (
      evaluation_id text PRIMARY KEY, contract_id text NOT NULL, year integer NOT NULL, status text NOT NULL, published_on date,
      seal jsonb
    );
    CREATE TABLE {schema}.evaluation_results (
      evaluation_id text NOT NULL, result_id text NOT NULL, question text NOT NULL, indicator text NOT NULL,
      score text NOT NULL, evidence text NOT NULL, scored_at timestamptz NOT NULL,
      PRIMARY KEY (evaluation_id, result_id)
    );
    CREATE TABLE {schema}.evaluation_answers (
      evaluation_id text NOT NULL, question_key text NOT NULL, answer text NOT NULL, answered_at timestamptz NOT NULL,
      PRIMARY KEY (evaluation_id, question_key)
    );
  `,
  queryIndexesSql: `
    CREATE INDEX ON {schema}.meetings (contract_id, scheduled_on);
    CREATE INDEX ON {schema}.decisions (contract_id);
  `,

  /** By page: each contract's last revision in the page is written once, not at each of its events. */
  applyPage(events, tx) {
    const contractRevisions = new Map<string, number>();
    for (const event of events) {
      if (isEventOf(event, CONTRACT_EVENT_TYPES))
        contractRevisions.set(event.data.contractId, event.revision);
      applyGovernanceEvent(event, tx);
    }
    writeContractRevisions(contractRevisions, tx);
  },

  apply(event, tx) {
    applyGovernanceEvent(event, tx);
    if (isEventOf(event, CONTRACT_EVENT_TYPES))
      writeContractRevisions(new Map([[event.data.contractId, event.revision]]), tx);
  },
});

/** The last revision of each contract's stream: its governance bodies' edit forms' `expectedRevision`. */
function writeContractRevisions(revisions: Map<string, number>, tx: ProjectionTransaction): void {
  if (revisions.size === 0) return;
  tx.execute(
    `INSERT INTO ${tx.schema}.contract_revisions (contract_id, revision)
     SELECT v.contract_id, v.revision FROM jsonb_to_recordset($1::jsonb) AS v(contract_id text, revision integer)
     ON CONFLICT (contract_id) DO UPDATE SET revision = excluded.revision`,
    [JSON.stringify([...revisions].map(([contract_id, revision]) => ({ contract_id, revision })))],
  );
}

/** An event's rows, and for a convention's event, the revision of its stream. */
function applyGovernanceEvent(event: ProjectedEvent<typeof HANDLES>, tx: ProjectionTransaction): void {
  applyGovernanceChange(event, tx);
  if (isEventOf(event, CONVENTION_EVENT_TYPES))
    tx.execute(`UPDATE ${tx.schema}.conventions SET revision = $2 WHERE convention_id = $1`, [
      event.data.conventionId,
      event.revision,
    ]);
}

function applyGovernanceChange(
  event: ProjectedEvent<typeof HANDLES>,
  { execute, schema }: ProjectionTransaction,
): void {
  switch (event.type) {
    case 'ConventionDrafted': {
      const drafted = event.data;
      execute(
        `INSERT INTO ${schema}.conventions (convention_id, contract_id, title, kind, object, status)
           VALUES ($1, $2, $3, $4, $5, 'draft')`,
        [drafted.conventionId, drafted.contractId ?? null, drafted.title, drafted.kind, drafted.object],
      );
      for (const [ordinal, party] of drafted.parties.entries()) {
        execute(
          `INSERT INTO ${schema}.convention_parties (convention_id, party, ordinal) VALUES ($1, $2, $3)`,
          [drafted.conventionId, party, ordinal],
        );
      }
      return;
    }
    case 'ConventionSigned': {
      const signed = event.data;
      // The domain matches party names loosely (case, spaces, apostrophes): so does the read model.
      execute(
        `UPDATE ${schema}.convention_parties SET signer = $3, signer_id = $5, signed_on = $4
            WHERE convention_id = $1
              AND lower(regexp_replace(replace(party, '’', ''''), '\\s+', ' ', 'g'))
                = lower(regexp_replace(replace($2, '’', ''''), '\\s+', ' ', 'g'))`,
        [
          signed.conventionId,
          signed.party.trim(),
          signed.signer ?? null,
          signed.signedOn,
          signed.signerId ?? null,
        ],
      );
      execute(
        `UPDATE ${schema}.conventions c SET status = CASE
             WHEN NOT EXISTS (SELECT 1 FROM ${schema}.convention_parties p WHERE p.convention_id = c.convention_id AND p.signed_on IS NULL)
             THEN 'signed' ELSE 'partially_signed' END
           WHERE convention_id = $1`,
        [signed.conventionId],
      );
      return;
    }
    case 'ConventionAmended':
      execute(
        `UPDATE ${schema}.conventions
            SET amendments = amendments + 1, amendment_list = amendment_list || jsonb_build_array($2::jsonb)
          WHERE convention_id = $1`,
        [
          event.data.conventionId,
          JSON.stringify({ amendedOn: event.data.amendedOn, summary: event.data.summary }),
        ],
      );
      return;
    case 'ConventionTerminated':
      execute(
        `UPDATE ${schema}.conventions SET status = 'terminated', terminated_on = $2, termination_reason = $3
          WHERE convention_id = $1`,
        [event.data.conventionId, event.data.terminatedOn, event.data.reason],
      );
      return;
    case 'MeetingScheduled': {
      const meeting = event.data;
      execute(
        `INSERT INTO ${schema}.meetings (meeting_id, contract_id, body, title, scheduled_on, place, status)
           VALUES ($1, $2, $3, $4, $5, $6, 'scheduled')`,
        [
          meeting.meetingId,
          meeting.contractId,
          meeting.body,
          meeting.title,
          meeting.scheduledOn,
          meeting.place ?? null,
        ],
      );
      return;
    }
    case 'MeetingHeld': {
      const held = event.data;
      execute(
        `UPDATE ${schema}.meetings SET status = 'held', held_on = $2, attendees = $3, minutes_link = $4
            WHERE meeting_id = $1`,
        [held.meetingId, held.heldOn, JSON.stringify(held.attendees), held.minutesLink ?? null],
      );
      // Decisions written as their text alone (before they had ids) get the ids the domain gives them.
      for (const [ordinal, decision] of decisionsOf(held.decisions).entries()) {
        execute(
          `INSERT INTO ${schema}.decisions (meeting_id, decision_id, contract_id, ordinal, text, owner, owner_person,
                                            owner_person_id, due_on, action_ids)
             SELECT $1, $2, contract_id, $3, $4, $5, $6, $7, $8, $9 FROM ${schema}.meetings WHERE meeting_id = $1`,
          [
            held.meetingId,
            decision.decisionId,
            ordinal,
            decision.text,
            decision.owner ?? null,
            decision.ownerPerson ?? null,
            decision.ownerPersonId ?? null,
            decision.dueOn ?? null,
            JSON.stringify(decision.actionIds ?? []),
          ],
        );
      }
      return;
    }
    case 'MeetingCancelled':
      execute(
        `UPDATE ${schema}.meetings SET status = 'cancelled', cancellation_reason = $2 WHERE meeting_id = $1`,
        [event.data.meetingId, event.data.reason],
      );
      return;
    case 'DecisionFollowedUp': {
      const followed = event.data;
      const followUp = { status: followed.status, on: followed.on, comment: followed.comment ?? null };
      execute(
        `UPDATE ${schema}.decisions SET status = $3, status_on = $4, follow_ups = follow_ups || $5::jsonb
            WHERE meeting_id = $1 AND decision_id = $2`,
        [followed.meetingId, followed.decisionId, followed.status, followed.on, JSON.stringify([followUp])],
      );
      return;
    }
    case 'GovernanceBodyDefined': {
      const body = event.data;
      execute(
        `INSERT INTO ${schema}.governance_bodies (contract_id, body, position, role, members, meetings_per_year)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (contract_id, body) DO NOTHING`,
        [
          body.contractId,
          body.body,
          event.position,
          body.role,
          JSON.stringify(body.members),
          body.meetingsPerYear ?? null,
        ],
      );
      return;
    }
    case 'GovernanceBodyUpdated': {
      const body = event.data;
      execute(
        `UPDATE ${schema}.governance_bodies SET role = $3, members = $4, meetings_per_year = $5
            WHERE contract_id = $1 AND body = $2`,
        [body.contractId, body.body, body.role, JSON.stringify(body.members), body.meetingsPerYear ?? null],
      );
      return;
    }
    case 'EvaluationOpened': {
      const opened = event.data;
      execute(
        `INSERT INTO ${schema}.evaluations (evaluation_id, contract_id, year, status) VALUES ($1, $2, $3, 'open')`,
        [opened.evaluationId, opened.contractId, opened.year],
      );
      return;
    }
    case 'ResultScored': {
      const scored = event.data;
      execute(
        `INSERT INTO ${schema}.evaluation_results (evaluation_id, result_id, question, indicator, score, evidence, scored_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (evaluation_id, result_id) DO UPDATE SET question = EXCLUDED.question, indicator = EXCLUDED.indicator,
             score = EXCLUDED.score, evidence = EXCLUDED.evidence, scored_at = EXCLUDED.scored_at`,
        [
          scored.evaluationId,
          scored.resultId,
          scored.question,
          scored.indicator,
          scored.score,
          scored.evidence,
          event.metadata.recordedAt,
        ],
      );
      return;
    }
    case 'EvaluationQuestionAnswered': {
      const answered = event.data;
      execute(
        `INSERT INTO ${schema}.evaluation_answers (evaluation_id, question_key, answer, answered_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (evaluation_id, question_key) DO UPDATE SET answer = EXCLUDED.answer, answered_at = EXCLUDED.answered_at`,
        [answered.evaluationId, answered.questionKey, answered.answer, event.metadata.recordedAt],
      );
      return;
    }
    case 'EvaluationPublished':
      execute(
        `UPDATE ${schema}.evaluations SET status = 'published', published_on = $2, seal = $3 WHERE evaluation_id = $1`,
        [
          event.data.evaluationId,
          event.data.publishedOn,
          event.data.seal ? JSON.stringify(event.data.seal) : null,
        ],
      );
      return;
  }
}
