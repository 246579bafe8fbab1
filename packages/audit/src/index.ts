export {
  ANNEX4_REFERENTIAL,
  type EvaluationReferential,
  type ReferentialResultRow,
  type ReferentialSection,
} from './annex4-referential.js';
export {
  type ActionSnapshot,
  type AxisSnapshot,
  type ContractHeader,
  type ContractSignatory,
  type ContractSnapshot,
  type ConventionSnapshot,
  contractAsOf,
  type DeliverableSnapshot,
  type EvaluationSnapshot,
  type FactSnapshot,
  type FicheSnapshot,
  type GovernanceBodySnapshot,
  type IndicatorSnapshot,
  type LinkedOfferSnapshot,
  type MeetingSnapshot,
  type ScoredResultSnapshot,
  startOfFactDate,
} from './as-of.js';
export { contractScope, eventsOfContract, idOfStream, streamsOfContract } from './contract-scope.js';
export { type ChangeKind, diffSnapshots, eventsBetween, type SnapshotChange } from './diff.js';
export {
  COVERAGE_LABELS,
  type Coverage,
  type EvaluationReport,
  type EvaluationReportOptions,
  evaluationReport,
  NOT_ANSWERED,
  NOT_IN_LOG,
  publishedReportOptions,
  type ReportBlock,
  type ReportFigure,
  type ReportQuestion,
  type ReportSection,
  reportContentHash,
  reportJson,
} from './evaluation-report.js';
export {
  type ExportEnd,
  exportNdjson,
  type NdjsonParseError,
  type NdjsonParseResult,
  type NdjsonVerification,
  type NdjsonVerifyOptions,
  parseNdjson,
  signedHeadLine,
  verifyNdjson,
} from './ndjson.js';
export {
  heldAtEndOf,
  type OfferAsOf,
  OfferHistory,
  type OfferVersion,
  offerStreams,
  offersAsOf,
} from './offers-as-of.js';
export { reportCsv } from './report-csv.js';
export { type ReportHtmlOptions, reportHtml } from './report-html.js';
export {
  type Attestation,
  checkPublicationSignature,
  checkSignature,
  keyIdOf,
  type PublicationSealed,
  publicationMessage,
  publicKeyPem,
  readPublicKey,
  type SignatureVerdict,
  type SignedHead,
  SignedHeadSchema,
  signedHeadMessage,
  signHead,
  signPublication,
} from './signed-head.js';
export { type AsOf, endOfDay, TIME_AXIS_LABELS, type TimeAxis } from './time-axis.js';
export { type CommandIo, VERIFY_EXPORT_USAGE, verifyExportCommand } from './verify-export-command.js';
