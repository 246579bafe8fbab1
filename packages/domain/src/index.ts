export * from './action/commands.js';
export * from './action/decider.js';
export * from './action/events.js';
export * from './action/status.js';
export * from './clock.js';
export {
  AGGREGATE_OF_COMMAND,
  type AggregateRoute,
  type AnyDecider,
  DECIDER_OF_CATEGORY,
  type StateOf,
  type StreamSearch,
  streamOfCommand,
} from './command-routing.js';
export { COMMAND_SCHEMAS, type Command, type CommandType, isCommandType } from './command-schemas.js';
export * from './contract/commands.js';
export * from './contract/decider.js';
export * from './contract/events.js';
export * from './contract/plan.js';
export * from './contract/prs.js';
export * from './convention/commands.js';
export * from './convention/decider.js';
export * from './convention/events.js';
export {
  type Decider,
  DomainError,
  type DomainErrorCode,
  type DomainEvent,
  event,
  everyTypeOf,
  fold,
  refuse,
} from './decider.js';
export * from './departments.js';
export * from './evaluation/commands.js';
export * from './evaluation/decider.js';
export * from './evaluation/events.js';
export {
  ALL_EVENT_TYPES,
  type AnyDomainEvent,
  CONTRACT_NAMING_EVENT_TYPES,
  contractNamedBy,
  type DomainEventOf,
  EVENT_TYPES_OF_CATEGORY,
  type EventData,
  type EventOfType,
  type EventType,
  isEventOf,
} from './event-catalogue.js';
export * from './indicator/commands.js';
export * from './indicator/events.js';
export * from './indicator/rules.js';
export * from './means/commands.js';
export * from './means/events.js';
export * from './means/rules.js';
export * from './meeting/commands.js';
export * from './meeting/decider.js';
export * from './meeting/events.js';
export * from './meeting/steering.js';
export type { NextStep, NextStepCode, NextStepOf, NextStepParams } from './next-step.js';
export * from './offer/attributes.js';
export * from './offer/commands.js';
export * from './offer/decider.js';
export * from './offer/display-name.js';
export * from './offer/events.js';
export * from './offer/kinds.js';
export * from './offer/opening-hours.js';
export * from './offer/practice.js';
export * from './offer-report/commands.js';
export * from './offer-report/decider.js';
export * from './offer-report/events.js';
export * from './ordering.js';
export * from './organisation/commands.js';
export * from './organisation/decider.js';
export * from './organisation/events.js';
export * from './organisation/kinds.js';
export * from './organisation/siret.js';
export * from './personal-data.js';
export * from './user/commands.js';
export * from './user/decider.js';
export * from './user/events.js';
export * from './values.js';
