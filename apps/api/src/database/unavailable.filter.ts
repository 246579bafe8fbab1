import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '@cls/api';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';

/**
 * The REST endpoints' errors: an unreachable database (a restart, an outage) is
 * a 503 with Retry-After, to retry; HTTP exceptions keep their status; anything
 * else is a 500, logged.
 */
@Catch()
export class DatabaseUnavailableFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof HttpException) {
      const body = error.getResponse();
      response
        .status(error.getStatus())
        .json(typeof body === 'string' ? { statusCode: error.getStatus(), message: body } : body);
      return;
    }
    if (isDatabaseUnavailable(error)) {
      response.setHeader('Retry-After', '5');
      response.status(503).json({ statusCode: 503, message: DATABASE_UNAVAILABLE_MESSAGE });
      return;
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    response.status(500).json({ statusCode: 500, message: 'Erreur interne' });
  }
}
