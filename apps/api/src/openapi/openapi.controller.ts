import { Controller, Get, Header, Inject } from '@nestjs/common';
import { RUNTIME, type Runtime } from '../runtime.js';
import { openApiDocument } from './openapi-document.js';

/** `/api/openapi.json`: the OpenAPI 3.1 document of the REST endpoints, built once. */
@Controller('api')
export class OpenApiController {
  private document: ReturnType<typeof openApiDocument> | undefined;

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  @Get('openapi.json')
  @Header('Cache-Control', 'public, max-age=3600')
  openapi() {
    this.document ??= openApiDocument(this.runtime.version);
    return this.document;
  }
}
