import type { SystemInfo } from '@cls/api';
import { type Pool, probeDatabase } from '@cls/postgres';
import type { ProjectionRunner } from '@cls/projections';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { PG_POOL } from '../database/database.module.js';
import { PROJECTION_RUNNER } from '../projections/projections.module.js';
import { RUNTIME, type Runtime } from '../runtime.js';

export class GetSystemInfo extends Query<SystemInfo> {}

@QueryHandler(GetSystemInfo)
export class GetSystemInfoHandler implements IQueryHandler<GetSystemInfo> {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionRunner,
  ) {}

  async execute(): Promise<SystemInfo> {
    return {
      application: 'Plateforme CLS',
      version: this.runtime.version,
      environment: this.runtime.environment,
      startedAt: this.runtime.startedAt.toISOString(),
      database: await probeDatabase(this.pool),
      projections: this.projections.status(),
    };
  }
}
