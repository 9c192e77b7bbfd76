import { ReportOverdueV1 } from '@dx/contracts';
import { collectMessages, expectEventually, MessageCollector, uniqueSuffix } from '@dx/testing';

import { RaiseOverdueReportsService } from '../../../src/overdue/raise-overdue-reports.service';
import {
  anObservation,
  applyOneByOne,
  BROKERS,
  ComputationDatabase,
  decodeStatusEvents,
  ObservationFeed,
  OUTPUT_TOPICS,
} from '../support/computation-harness.util';
import { ComputationTestApp, startComputation } from '../support/computation-test-app';

// Q1 2025 of a quarterly measure is due on 15 April (15 days); on 20 April it is overdue.
describe('Overdue reports', () => {
  const prefix = `comp-overdue-${uniqueSuffix()}.`;
  const now = new Date('2025-04-20T09:00:00+07:00');
  let computation: ComputationTestApp;
  let db: ComputationDatabase;
  let feed: ObservationFeed;
  let status: MessageCollector;

  const overdueEvents = () =>
    decodeStatusEvents(status.messages)
      .map((e) => e.data as ReportOverdueV1)
      .filter((e) => e.measure === 'households.total' && e.period === '2025-Q1');

  beforeAll(async () => {
    computation = await startComputation({
      KAFKA_TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      DX_CLOCK_NOW: now.toISOString(),
      // The test drives the scheduler itself (no timer); one month back covers Q1 and March.
      COMPUTATION_OVERDUE_LOOKBACK_MONTHS: '1',
    });
    db = new ComputationDatabase(computation.databaseUrl);
    await db.connect();
    feed = new ObservationFeed(prefix);
    status = await collectMessages(BROKERS, `${prefix}${OUTPUT_TOPICS.status}`);
  });

  afterAll(async () => {
    await status?.stop();
    await feed?.close();
    await db?.close();
    await computation?.close();
  });

  it('should announce each missing report once when its due day has passed', async () => {
    await applyOneByOne(feed, db, [anObservation({ measure: 'households.total', unit: '31120', period: '2025-Q1', value: 500 })]);
    const raise = computation.service.app.get(RaiseOverdueReportsService);

    await raise.execute(now);
    await raise.execute(now);

    // 80 communes should report households; 31120 did.
    await expectEventually(async () => expect(overdueEvents()).toHaveLength(79), { timeoutMs: 30_000 });
    const for31117 = overdueEvents().filter((e) => e.unit === '31117');
    expect(for31117).toEqual([
      // The report is due from the units of the version in force for 2025-Q1, which the event names.
      {
        kind: 'overdue',
        measure: 'households.total',
        unit: '31117',
        period: '2025-Q1',
        dueDate: '2025-04-15',
        severity: 'warning',
        hierarchyVersion: '2024-11',
        detectedAt: expect.any(String),
      },
    ]);
    expect(overdueEvents().some((e) => e.unit === '31120')).toBe(false);
  });

  it('should announce nothing when the due day has not passed', async () => {
    const raised = await computation.service.app.get(RaiseOverdueReportsService).execute(new Date('2025-04-15T12:00:00+07:00'));

    expect(raised.filter((e) => e.period === '2025-Q1' && e.measure === 'households.total')).toEqual([]);
  });

  it('should clear an overdue report once when the report arrives, and not announce it again', async () => {
    const report = anObservation({ measure: 'households.total', unit: '31117', period: '2025-Q1', value: 1000 });
    await applyOneByOne(feed, db, [report, { ...report, id: `${report.data.observationId}:2`, data: { ...report.data, value: 1001, revision: 2 } }]);
    await computation.service.app.get(RaiseOverdueReportsService).execute(now);

    await expectEventually(
      async () => {
        expect(await db.outboxCount()).toBe(0);
        expect(
          overdueEvents()
            .filter((e) => e.unit === '31117')
            .map((e) => [e.kind, e.severity]),
        ).toEqual([
          ['overdue', 'warning'],
          ['overdue_cleared', 'info'],
        ]);
      },
      { timeoutMs: 30_000 },
    );
    expect(overdueEvents()).toHaveLength(80);
  });
});
