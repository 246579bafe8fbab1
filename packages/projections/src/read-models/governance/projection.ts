import { CONVENTION_EVENT_TYPES, EVALUATION_EVENT_TYPES, MEETING_EVENT_TYPES } from '@cls/domain';
import { defineProjection, type ProjectedEvent, type ProjectionTransaction } from '../../projection.js';

const HANDLES = [
  ...CONVENTION_EVENT_TYPES,
  ...MEETING_EVENT_TYPES,
  ...EVALUATION_EVENT_TYPES,
  // An action's contract, for the indicators it measures.
  'ActionPlanned',
  'IndicatorMeasured',
] as const;

/**
 * What runs around the actions: conventions and who signed them when,
 * governance meetings and their decisions, annual evaluation grids, and the
 * series of indicators measured by the actions.
 */
export const governanceProjection = defineProjection({
  name: 'governance',
  // 2: the subject of each convention signer (whose key seals the name).
  version: 2,
  handles: HANDLES,
  schemaSql: `
    CREATE TABLE {schema}.conventions (
      convention_id text PRIMARY KEY, contract_id text, title text NOT NULL, kind text NOT NULL, object text NOT NULL,
      status text NOT NULL, amendments integer NOT NULL DEFAULT 0, terminated_on date
    );
    CREATE TABLE {schema}.convention_parties (
      convention_id text NOT NULL, party text NOT NULL, ordinal integer NOT NULL, signer text, signer_id text, signed_on date,
      PRIMARY KEY (convention_id, party)
    );
    CREATE TABLE {schema}.meetings (
      meeting_id text PRIMARY KEY, contract_id text NOT NULL, body text NOT NULL, title text NOT NULL,
      scheduled_on date NOT NULL, place text, status text NOT NULL, held_on date,
      attendees jsonb NOT NULL DEFAULT '[]', decisions jsonb NOT NULL DEFAULT '[]', minutes_link text
    );
    CREATE INDEX ON {schema}.meetings (contract_id, scheduled_on);
    CREATE TABLE {schema}.evaluations (
      evaluation_id text PRIMARY KEY, contract_id text NOT NULL, year integer NOT NULL, status text NOT NULL, published_on date
    );
    CREATE TABLE {schema}.evaluation_results (
      evaluation_id text NOT NULL, result_id text NOT NULL, question text NOT NULL, indicator text NOT NULL,
      score text NOT NULL, evidence text NOT NULL, scored_at timestamptz NOT NULL,
      PRIMARY KEY (evaluation_id, result_id)
    );
    CREATE TABLE {schema}.action_contracts (action_id text PRIMARY KEY, contract_id text NOT NULL, code text NOT NULL);
    CREATE TABLE {schema}.indicators (
      position bigint PRIMARY KEY, action_id text NOT NULL, contract_id text NOT NULL, indicator text NOT NULL,
      value double precision NOT NULL, unit text, year integer NOT NULL, measured_on date NOT NULL
    );
    CREATE INDEX ON {schema}.indicators (contract_id, indicator, year);
  `,

  /**
   * By page: actions planned in the page keep their contract in memory, so their
   * indicators are written with it, and both kinds of rows go in one INSERT each.
   */
  applyPage(events, tx) {
    const contractOfAction = new Map<string, string>();
    for (const event of events) {
      if (event.type === 'ActionPlanned') {
        const planned = event.data;
        contractOfAction.set(planned.actionId, planned.contractId);
        tx.appendRow(`${tx.schema}.action_contracts`, {
          action_id: planned.actionId,
          contract_id: planned.contractId,
          code: planned.code,
        });
        continue;
      }
      const contractId =
        event.type === 'IndicatorMeasured' ? contractOfAction.get(event.data.actionId) : undefined;
      if (event.type !== 'IndicatorMeasured' || !contractId) {
        applyGovernanceEvent(event, tx);
        continue;
      }
      const measured = event.data;
      tx.appendRow(`${tx.schema}.indicators`, {
        position: event.position,
        action_id: measured.actionId,
        contract_id: contractId,
        indicator: measured.indicator,
        value: measured.value,
        unit: measured.unit ?? null,
        year: measured.period.year,
        measured_on: measured.measuredOn,
      });
    }
  },

  apply: applyGovernanceEvent,
});

function applyGovernanceEvent(
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
      execute(`UPDATE ${schema}.conventions SET amendments = amendments + 1 WHERE convention_id = $1`, [
        event.data.conventionId,
      ]);
      return;
    case 'ConventionTerminated':
      execute(
        `UPDATE ${schema}.conventions SET status = 'terminated', terminated_on = $2 WHERE convention_id = $1`,
        [event.data.conventionId, event.data.terminatedOn],
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
        `UPDATE ${schema}.meetings SET status = 'held', held_on = $2, attendees = $3, decisions = $4, minutes_link = $5
            WHERE meeting_id = $1`,
        [
          held.meetingId,
          held.heldOn,
          JSON.stringify(held.attendees),
          JSON.stringify(held.decisions),
          held.minutesLink ?? null,
        ],
      );
      return;
    }
    case 'MeetingCancelled':
      execute(`UPDATE ${schema}.meetings SET status = 'cancelled' WHERE meeting_id = $1`, [
        event.data.meetingId,
      ]);
      return;
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
    case 'EvaluationPublished':
      execute(
        `UPDATE ${schema}.evaluations SET status = 'published', published_on = $2 WHERE evaluation_id = $1`,
        [event.data.evaluationId, event.data.publishedOn],
      );
      return;
    case 'ActionPlanned': {
      const planned = event.data;
      execute(`INSERT INTO ${schema}.action_contracts (action_id, contract_id, code) VALUES ($1, $2, $3)`, [
        planned.actionId,
        planned.contractId,
        planned.code,
      ]);
      return;
    }
    case 'IndicatorMeasured': {
      const measured = event.data;
      execute(
        `INSERT INTO ${schema}.indicators (position, action_id, contract_id, indicator, value, unit, year, measured_on)
           SELECT $1, $2, contract_id, $3, $4, $5, $6, $7 FROM ${schema}.action_contracts WHERE action_id = $2`,
        [
          event.position,
          measured.actionId,
          measured.indicator,
          measured.value,
          measured.unit ?? null,
          measured.period.year,
          measured.measuredOn,
        ],
      );
      return;
    }
  }
}
