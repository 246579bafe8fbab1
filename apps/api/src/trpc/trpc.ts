import { type ApiContext, appRouter } from '@cls/api';
import type { INestApplication } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import { GetSystemInfo } from '../system/system-info.query.js';

/** Mounts the tRPC routers of @cls/api at /trpc; their context dispatches to the CQRS buses. */
export function mountTrpc(app: INestApplication): void {
  const queryBus = app.get(QueryBus);
  const context: ApiContext = {
    system: { info: () => queryBus.execute(new GetSystemInfo()) },
  };
  app.use('/trpc', createExpressMiddleware({ router: appRouter, createContext: () => context }));
}
