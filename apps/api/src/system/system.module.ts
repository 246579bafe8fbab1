import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { GetSystemInfoHandler } from './system-info.query.js';

@Module({
  controllers: [HealthController],
  providers: [GetSystemInfoHandler],
})
export class SystemModule {}
