import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { AuditService } from '../audit/audit.service.js';
import { GetSystemInfo } from './system-info.query.js';

@Controller()
export class HealthController {
  constructor(
    @Inject(QueryBus) private readonly queryBus: QueryBus,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** 200 when the platform can serve, 503 otherwise: for load balancers and `npm start` checks. */
  @Get('healthz')
  @Header('Cache-Control', 'no-store')
  async health(@Res({ passthrough: true }) response: Response) {
    const info = await this.queryBus.execute(new GetSystemInfo());
    const healthy = info.database.up;
    response.status(healthy ? 200 : 503);
    return {
      status: healthy ? 'ok' : 'unavailable',
      version: info.version,
      database: info.database,
      projections: info.projections,
      // The log's hash chains, as last checked (at start-up, or on an auditor's demand).
      integrity: await this.audit.integrity(),
    };
  }
}
