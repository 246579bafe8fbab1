import type { NextStep } from './next-step.js';

/**
 * A decider per aggregate (Emmett style): plain functions, no I/O.
 *   decide(command, state, context) → the events that the command causes, or a DomainError
 *   evolve(state, event)            → the state after the event
 * The command side loads the stream, folds it with `evolve` from `initialState`,
 * calls `decide` and appends what it returns.
 */

/** An event as deciders produce and read it: the store adds id, revision, metadata. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  /** Business time, when the command says when it happened (ISO 8601). */
  occurredAt?: string;
}

/**
 * The list of every event type of an aggregate, checked complete: a type of
 * `Event` missing from it is a compile error where the list is written (a new
 * event takes its place in the catalogue), a type it does not have is one too.
 *   export const ACTION_EVENT_TYPES = everyTypeOf<ActionEvent>()(['ActionPlanned', …]);
 */
export const everyTypeOf =
  <Event extends DomainEvent>() =>
  <const Types extends readonly Event['type'][]>(
    types: Types &
      ([Exclude<Event['type'], Types[number]>] extends [never]
        ? unknown
        : { 'types missing from the list': Exclude<Event['type'], Types[number]> }),
  ): Types =>
    types;

export interface Decider<Command, Event extends DomainEvent, State, Context = undefined> {
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  decide: (command: Command, state: State, context: Context) => Event[] | DomainError;
}

/**
 * Why a command was refused: a stable code for programs, a French message for
 * people, the field it is about, and the step that is missing, if one would
 * lift the refusal (the apps link to it).
 */
export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The command field the refusal is about, for forms. */
    readonly field?: string,
    /** What to do first (sign the contract, draft an avenant…): the apps link to its form. */
    readonly nextStep?: NextStep,
  ) {
    super(message);
  }
}

export type DomainErrorCode =
  /** The aggregate does not exist (yet). */
  | 'not_found'
  /** It exists already. */
  | 'already_exists'
  /** Not allowed in the aggregate's current status. */
  | 'invalid_status'
  /** A value breaks a rule (date out of the contract period, unknown party…). */
  | 'invalid_value'
  /** Done already (a party signing twice…). */
  | 'already_done'
  /** The contract is signed: the change must go through an avenant (the UI links to « Avenants »). */
  | 'needs_amendment';

export const refuse = (code: DomainErrorCode, message: string, field?: string, nextStep?: NextStep) =>
  new DomainError(code, message, field, nextStep);

/** State after the events, from the initial state. */
export function fold<Event extends DomainEvent, State>(
  decider: Pick<Decider<never, Event, State, never>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
): State {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

/** Builds an event; `occurredAt` only when given. */
export function event<Type extends string, Data>(
  type: Type,
  data: Data,
  occurredAt?: string,
): DomainEvent<Type, Data> {
  return occurredAt === undefined ? { type, data } : { type, data, occurredAt };
}
