import { expect } from 'vitest';
import { type Decider, DomainError, type DomainErrorCode, type DomainEvent, fold } from './decider.js';
import type { NextStep } from './next-step.js';

/**
 * Given/when/then for deciders:
 *   DeciderSpecification.for(actionDecider)
 *     .given([planned, started])
 *     .when({ type: 'ReportProgress', … })
 *     .thenEmits([{ type: 'ProgressReported', … }]);
 */
export const DeciderSpecification = {
  for<Command, Event extends DomainEvent, State, Context>(decider: Decider<Command, Event, State, Context>) {
    return {
      given(events: Event[]) {
        return {
          when(command: Command, context?: Context) {
            const run = () => decider.decide(command, fold(decider, events), context as Context);
            return {
              /** The command produces exactly these events (and they fold without error). */
              thenEmits(expected: Event[]) {
                const result = run();
                if (result instanceof DomainError) {
                  throw new Error(`refusé (${result.code}) : ${result.message}`);
                }
                expect(result).toEqual(expected);
                fold(decider, [...events, ...result]);
              },
              /**
               * The command is refused with this code (and, optionally, a message matching,
               * and the step it names as missing: `{ nextStep }`, or `{ nextStep: undefined }` for none).
               */
              thenRefuses(
                code: DomainErrorCode,
                message?: RegExp,
                expected?: { nextStep: NextStep | undefined },
              ) {
                const result = run();
                expect(result).toBeInstanceOf(DomainError);
                expect((result as DomainError).code).toBe(code);
                if (message) expect((result as DomainError).message).toMatch(message);
                if (expected) expect((result as DomainError).nextStep).toEqual(expected.nextStep);
              },
            };
          },
        };
      },
    };
  },
};
