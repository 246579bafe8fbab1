export {
  bindLiterals,
  type Projection,
  type ProjectionTransaction,
  schemaOf,
  sqlLiteral,
} from './projection.js';
export { actionBoardProjection } from './read-models/action-board.js';
export { AuditStreams, auditStreamsProjection } from './read-models/audit-streams.js';
export { contractsProjection } from './read-models/contracts.js';
export { deliverablesProjection } from './read-models/deliverables.js';
export { governanceProjection } from './read-models/governance.js';
export { offersProjection } from './read-models/offers.js';
export { usersProjection } from './read-models/users.js';
export { type ReplayCheckResult, type ReplayComparison, replayCheck } from './replay-check.js';
export {
  liveSchema,
  ProjectionRunner,
  type ProjectionRunnerOptions,
  type ProjectionStatus,
  readModelChecksum,
  schemaChecksum,
} from './runner.js';

import { actionBoardProjection } from './read-models/action-board.js';
import { auditStreamsProjection } from './read-models/audit-streams.js';
import { contractsProjection } from './read-models/contracts.js';
import { deliverablesProjection } from './read-models/deliverables.js';
import { governanceProjection } from './read-models/governance.js';
import { offersProjection } from './read-models/offers.js';
import { usersProjection } from './read-models/users.js';

/** Every read model of the platform. */
export const ALL_PROJECTIONS = [
  contractsProjection,
  actionBoardProjection,
  deliverablesProjection,
  governanceProjection,
  usersProjection,
  offersProjection,
  auditStreamsProjection,
];
export {
  type ActionFilter,
  type ActionRow,
  type ContractRow,
  type ConventionView,
  type DeliverableRow,
  type EvaluationView,
  type FicheProgressRow,
  type MeetingView,
  type OfferLinkRow,
  type OfferRow,
  ReadModelQueries,
  type TimelineRow,
} from './queries.js';
