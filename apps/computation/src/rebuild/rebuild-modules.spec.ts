import 'reflect-metadata';

import { Global, INestApplicationContext, Module } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';

import { APP_CONFIG } from '@dx/platform';

import { FactStore } from '../facts/fact-store.port';
import { IndicatorValueStore } from '../indicators/indicator-value-store.port';
import { OverdueReports } from '../overdue/overdue-reports.port';
import { ClockService } from '../reference/clock.service';
import { ReferenceDataService } from '../reference/reference-data.service';
import { REBUILD_MODULES } from './rebuild.service';

// What PlatformModule gives every module and these ones use: the configuration.
@Global()
@Module({ providers: [{ provide: APP_CONFIG, useValue: { DX_CLOCK_NOW: '2025-04-15T12:00:00+07:00' } }], exports: [APP_CONFIG] })
class ConfigOnly {}

// The rebuild truncates the state and rewrites it: nothing may consume, publish, raise reports or follow
// the reference topic beside it. Nest starts such work from lifecycle hooks, so none may be present.
describe('the modules the rebuild runs with', () => {
  let app: INestApplicationContext;

  beforeAll(async () => {
    @Module({ imports: [ConfigOnly, ...REBUILD_MODULES] })
    class RebuildRoot {}
    app = await NestFactory.createApplicationContext(RebuildRoot, { logger: false, abortOnError: false });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('should give the stores, the reference data and the clock it works with', () => {
    for (const token of [FactStore, IndicatorValueStore, OverdueReports, ReferenceDataService, ClockService]) {
      expect(app.get(token)).toBeDefined();
    }
    expect(app.get(ClockService).now().toISOString()).toBe('2025-04-15T05:00:00.000Z');
  });

  it('should start nothing in the background: no provider has a start-up hook', () => {
    const started = [...app.get(ModulesContainer).values()]
      .flatMap((module) => [...module.providers.values()])
      .map((wrapper) => wrapper.instance as Record<string, unknown> | undefined)
      .filter((instance) => typeof instance?.onModuleInit === 'function' || typeof instance?.onApplicationBootstrap === 'function')
      .map((instance) => instance?.constructor.name);

    expect(started).toEqual([]);
  });
});
