import type { SystemInfo } from '@cls/api';
import { type Pool, probeDatabase } from '@cls/postgres';
import type { ProjectionRunner } from '@cls/projections';
import { Inject, Logger } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { PG_POOL } from '../database/database.module.js';
import { PROJECTION_RUNNER } from '../projections/projections.module.js';
import { RUNTIME, type Runtime } from '../runtime.js';

export class GetSystemInfo extends Query<SystemInfo> {}

/** All that anyone (the footers, /healthz, a load balancer) is told of a database that does not answer. */
export const DATABASE_UNREACHABLE = 'base de données injoignable';

@QueryHandler(GetSystemInfo)
export class GetSystemInfoHandler implements IQueryHandler<GetSystemInfo> {
  private readonly logger = new Logger('Santé');
  /** The driver's last error, logged once when it appears or changes (not at every probe). */
  private lastError: string | undefined;

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
      database: await this.probe(),
      projections: this.projections.status(),
    };
  }

  /** The driver's error (address, port, user…) goes to the server's logs only. */
  private async probe(): Promise<SystemInfo['database']> {
    const probe = await probeDatabase(this.pool);
    if (probe.up) {
      if (this.lastError !== undefined) this.logger.log('base de données de nouveau joignable');
      this.lastError = undefined;
      return probe;
    }
    if (probe.error !== this.lastError) this.logger.error(`base de données injoignable : ${probe.error}`);
    this.lastError = probe.error;
    return { ...probe, error: DATABASE_UNREACHABLE };
  }
}
