import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { AGENCY_HEADER, ObservationRejectedV1 } from '@dx/contracts';
import { ConsumedEvent, messageSource, OutgoingEvent, RawMessage } from '@dx/messaging';
import { OutboxWriter } from '@dx/platform';

import { AgenciesRepository } from '../agencies/agencies.repository';
import { SubmitObservationsService } from '../observations/submit-observations.service';
import { IntakeMessage } from './intake.decoder';

function rejection(raw: RawMessage, agency: string | undefined, reason: { code: string; message: string; path?: string }): OutgoingEvent<ObservationRejectedV1> {
  return {
    contract: ObservationRejectedV1,
    id: `intake:${raw.partition}:${raw.offset}`,
    data: {
      ...(agency ? { agency } : {}),
      reason: { code: reason.code, message: reason.message, ...(reason.path ? { path: reason.path } : {}) },
      source: messageSource(raw),
      rejectedAt: new Date().toISOString(),
    },
  };
}

/**
 * Observations from agencies' own systems: the same checks and storage as the HTTP API, one submission
 * per agency per batch; every reject goes to dx.intake.dlq.v1 with its reason and the original bytes.
 */
@Injectable()
export class IntakeObservationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agencies: AgenciesRepository,
    private readonly submit: SubmitObservationsService,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(events: ReadonlyArray<ConsumedEvent<IntakeMessage>>): Promise<void> {
    const unusable: OutgoingEvent<ObservationRejectedV1>[] = [];
    const byAgency = new Map<string, ConsumedEvent<IntakeMessage>[]>();
    for (const event of events) {
      const agency = event.message.headers[AGENCY_HEADER];
      const unreadable = event.event.data.unreadable;
      if (unreadable) unusable.push(rejection(event.message, agency, unreadable));
      else if (!agency) unusable.push(rejection(event.message, undefined, { code: 'out_of_scope', message: `Thiếu header ${AGENCY_HEADER} / missing ${AGENCY_HEADER} header` }));
      else byAgency.set(agency, [...(byAgency.get(agency) ?? []), event]);
    }

    for (const [code, group] of byAgency) {
      const agency = await this.agencies.findByCode(code);
      if (!agency) {
        unusable.push(...group.map((e) => rejection(e.message, code, { code: 'out_of_scope', message: `Không có cơ quan ${code} / unknown agency ${code}` })));
        continue;
      }
      await this.submit.execute({
        agency,
        channel: 'kafka',
        items: group.map((e, index) => ({ index, item: e.event.data.item })),
        rejectionEvents: (rejected) => rejected.map((r) => rejection(group[r.index].message, code, { code: r.code, message: r.message })),
      });
    }
    if (unusable.length > 0) await this.dataSource.transaction((manager) => this.outbox.enqueue(manager, unusable));
  }
}
