export * from './contract/commands.js';
export * from './contract/decider.js';
export type * from './contract/events.js';
export {
  type Decider,
  DomainError,
  type DomainErrorCode,
  type DomainEvent,
  event,
  fold,
  refuse,
} from './decider.js';
export * from './values.js';
