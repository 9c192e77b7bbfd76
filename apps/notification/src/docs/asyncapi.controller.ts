import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { alertsAsyncApiDocument } from './asyncapi-document.util';

/** `GET /docs/asyncapi.json`: the AsyncAPI document of `dx.alerts.v1` (the OpenAPI one is `/docs`). */
@ApiExcludeController()
@Controller('docs')
export class AsyncApiController {
  private readonly document = alertsAsyncApiDocument();

  @Get('asyncapi.json')
  @Header('Cache-Control', 'no-cache')
  asyncApi(): Record<string, unknown> {
    return this.document;
  }
}
