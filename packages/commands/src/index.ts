export {
  AMENDMENT_ACTOR,
  type AmendmentReactorOptions,
  amendmentCommandId,
  amendmentReactor,
} from './amendment-reactor.js';
export { firstResultOf, scopedCommandId } from './command-id.js';
export {
  type CommandMetadata,
  type CommandOutcome,
  type CommandResult,
  type HandleCommandOptions,
  handleCommand,
} from './handle-command.js';
export { destroyErasedKeys, type PersonalDataSealer } from './personal-data-sealer.js';
export {
  type Reactor,
  type ReactorCheckpoints,
  ReactorRunner,
  type ReactorRunnerOptions,
} from './reactor.js';
export { StreamStates } from './stream-states.js';
