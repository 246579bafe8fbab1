import type { CommandMetadata, CommandResult } from '@cls/commands';
import { Command } from '@nestjs/cqrs';

/** Any command of the domain, carried through the @nestjs/cqrs command bus to handleCommand. */
export class DomainCommand<C extends { type: string } = { type: string }> extends Command<CommandResult> {
  constructor(
    readonly command: C,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
