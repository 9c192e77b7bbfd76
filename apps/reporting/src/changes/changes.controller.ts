import { Controller, Get, Header, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';

import { CHANGE_TYPES, ChangeItem, changesResponseSchema, ChangeType, changeTypeSchema } from '@dx/contracts';
import { ApiErrorResponses } from '@dx/platform';

import { CACHE_CONTROL } from '../http/cache-control.constant';
import { openApiSchema, REFUSAL_EXAMPLES } from '../http/openapi.util';
import { limitParam, parseQuery } from '../http/query-params.util';
import { ReportingError } from '../shared/reporting-error.exception';
import { CHANGES_EXAMPLE } from './changes-example.constant';
import { ListChangesService } from './list-changes.service';
import { EventSink, StreamChangesService } from './stream-changes.service';

const cursor = z.string({ error: 'expected a cursor' }).regex(/^\d{1,18}$/, 'expected a cursor returned as `next` or as an event id');
const types = z
  .string({ error: 'expected a comma list of change types' })
  .transform((value) => value.split(','))
  .pipe(z.array(changeTypeSchema, { error: `expected a comma list of ${CHANGE_TYPES.join(', ')}` }).min(1))
  .default(['indicator_value']);

const changesQuery = z.object({ after: cursor.default('0'), limit: limitParam(1000, 100), types });
const streamQuery = z.object({ after: cursor.optional(), types });

@ApiTags('Dòng thay đổi / Change feed')
@Controller('v1/changes')
export class ChangesController {
  constructor(
    private readonly list: ListChangesService,
    private readonly stream: StreamChangesService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Các thay đổi theo thứ tự / indicator values in the order they changed',
    description:
      'Keep `next` and ask again with `after=<next>` to stay in sync: no item is skipped or repeated. `types` adds alerts and overdue reports to the feed (default: indicator values only).',
  })
  @ApiQuery({ name: 'after', required: false, description: 'cursor (`next` of the previous page); 0 = from the start', example: '0' })
  @ApiQuery({ name: 'limit', required: false, description: '1–1000, default 100', example: 100 })
  @ApiQuery({ name: 'types', required: false, description: `comma list of ${CHANGE_TYPES.join(', ')}`, example: 'indicator_value' })
  @ApiOkResponse({ schema: openApiSchema(changesResponseSchema, CHANGES_EXAMPLE) })
  @ApiErrorResponses(REFUSAL_EXAMPLES.invalidParameter, 'rate_limited', 'unavailable')
  async changes(@Query() query: unknown, @Res({ passthrough: true }) res: Response) {
    const q = parseQuery(changesQuery, query);
    const { page, full } = await this.list.execute({ after: BigInt(q.after), limit: q.limit, types: q.types });
    res.setHeader('Cache-Control', full ? CACHE_CONTROL.fullChangePage : CACHE_CONTROL.data);
    return page;
  }

  // Streams are long-lived: one connection is one request for the rate limit, and capped apart (HTTP_MAX_STREAMS).
  @Get('stream')
  @Header('Cache-Control', 'no-cache, no-transform')
  @ApiOperation({
    summary: 'Dòng thay đổi trực tiếp (SSE) / the same items as server-sent events',
    description:
      'Each event has `id:` = cursor. Reconnect with `Last-Event-ID` (browsers do it themselves) or `?after=` to continue exactly after the last event received. Without either, the stream starts at the newest change. Indicator values are unnamed `message` events; alerts and overdue reports (when asked in `types`) are named `alert` and `overdue_report`.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'the id of the last event received' })
  @ApiQuery({ name: 'after', required: false })
  @ApiQuery({ name: 'types', required: false, example: 'indicator_value,alert,overdue_report' })
  @ApiOkResponse({ description: 'text/event-stream', schema: { type: 'string', example: 'id: 42\ndata: {"type":"indicator_value","cursor":"42",…}\n\n' } })
  @ApiErrorResponses(REFUSAL_EXAMPLES.invalidParameter)
  async streamChanges(
    @Query() query: unknown,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const q = parseQuery(streamQuery, query);
    if (lastEventId !== undefined && !cursor.safeParse(lastEventId).success) {
      throw ReportingError.invalidParameter('Last-Event-ID', 'expected the id of an event of this stream');
    }
    const from = lastEventId ?? q.after;
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    const stop = new Promise<void>((resolve) => req.on('close', () => resolve()));
    await this.stream.run(from === undefined ? undefined : BigInt(from), q.types, sseSink(res), stop).catch(() => undefined);
    res.end();
  }
}

function sseSink(res: Response): EventSink {
  const write = (text: string): Promise<void> =>
    new Promise((resolve) => {
      if (res.write(text)) return resolve();
      const done = (): void => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.once('drain', done);
      res.once('close', done);
    });
  return {
    get closed() {
      return res.writableEnded || res.destroyed;
    },
    send: (item: ChangeItem) => write(`id: ${item.cursor}\n${eventLine(item.type)}data: ${JSON.stringify(item)}\n\n`),
    keepAlive: () => write(': keep-alive\n\n'),
  };
}

// Values are the feed's default items: unnamed, so `EventSource.onmessage` receives them.
function eventLine(type: ChangeType): string {
  return type === 'indicator_value' ? '' : `event: ${type}\n`;
}
