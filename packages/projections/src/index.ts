export {
  bindLiterals,
  defineProjection,
  type ProjectedEvent,
  type Projection,
  type ProjectionDefinition,
  type ProjectionTransaction,
  schemaOf,
  sqlLiteral,
} from './projection.js';
export { ReadModelQueries } from './queries.js';
export { actionBoardProjection } from './read-models/action-board/projection.js';
export type {
  ActionFilter,
  ActionRow,
  ActionView,
  TimelineRow,
} from './read-models/action-board/queries.js';
export { auditStreamsProjection } from './read-models/audit-streams/projection.js';
export { AuditStreams } from './read-models/audit-streams/queries.js';
export { contractsProjection } from './read-models/contracts/projection.js';
export type {
  AmendmentRow,
  AxisProgressRow,
  ContractOverview,
  ContractPartyRow,
  ContractPlan,
  ContractRow,
  ContractSetup,
  FicheOwnProgressRow,
  FicheProgressRow,
  PlanActionRow,
  PlanAxisRow,
  PlanFicheRow,
  PublicActionRow,
  PublicContractPage,
  PublicContractSummary,
} from './read-models/contracts/queries.js';
export { deliverablesProjection } from './read-models/deliverables/projection.js';
export type {
  ContractDeliverableRow,
  DeliverableRow,
  DeliverablesOfYear,
} from './read-models/deliverables/queries.js';
export { governanceProjection } from './read-models/governance/projection.js';
export type {
  ConventionView,
  DecisionView,
  EvaluationView,
  GovernanceBodyView,
  MeetingView,
} from './read-models/governance/queries.js';
export { indicatorsProjection } from './read-models/indicators/projection.js';
export type {
  IndicatorCatalogueRow,
  IndicatorYear,
  UncataloguedSeries,
} from './read-models/indicators/queries.js';
export { meansProjection } from './read-models/means/projection.js';
export type {
  CallForProjectsView,
  FundingLineView,
  MeansAction,
  MeansView,
  StaffTimeView,
  StaffYear,
} from './read-models/means/queries.js';
export { offerReportsProjection } from './read-models/offer-reports/projection.js';
export type { OfferReportRow } from './read-models/offer-reports/queries.js';
export { offersProjection } from './read-models/offers/projection.js';
export type {
  LinkedOffer,
  OfferArea,
  OfferCandidate,
  OfferLinkRow,
  OfferRow,
} from './read-models/offers/queries.js';
export { organisationsProjection } from './read-models/organisations/projection.js';
export type { OrganisationFilter, OrganisationRow } from './read-models/organisations/queries.js';
export { usersProjection } from './read-models/users/projection.js';
export type { UserRow } from './read-models/users/queries.js';
export { type ReplayCheckResult, type ReplayComparison, replayCheck } from './replay-check.js';
export {
  liveSchema,
  ProjectionRunner,
  type ProjectionRunnerOptions,
  type ProjectionStatus,
  readModelChecksum,
  schemaChecksum,
} from './runner.js';

import { actionBoardProjection } from './read-models/action-board/projection.js';
import { auditStreamsProjection } from './read-models/audit-streams/projection.js';
import { contractsProjection } from './read-models/contracts/projection.js';
import { deliverablesProjection } from './read-models/deliverables/projection.js';
import { governanceProjection } from './read-models/governance/projection.js';
import { indicatorsProjection } from './read-models/indicators/projection.js';
import { meansProjection } from './read-models/means/projection.js';
import { offerReportsProjection } from './read-models/offer-reports/projection.js';
import { offersProjection } from './read-models/offers/projection.js';
import { organisationsProjection } from './read-models/organisations/projection.js';
import { usersProjection } from './read-models/users/projection.js';

/** Every read model of the platform. */
export const ALL_PROJECTIONS = [
  contractsProjection,
  actionBoardProjection,
  deliverablesProjection,
  governanceProjection,
  indicatorsProjection,
  meansProjection,
  usersProjection,
  offersProjection,
  offerReportsProjection,
  organisationsProjection,
  auditStreamsProjection,
];
