import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { AGENCY_HEADER, ObservationRejectedV1 } from '@dx/contracts';
import { boundedReason, ConsumedEvent, messageSource, OutgoingEvent, RawMessage, truncateText } from '@dx/messaging';
import { OutboxWriter } from '@dx/platform';

import { agencyCodeSchema } from '../../agencies/agencies.service';
import { Agency } from '../../agencies/agency.type';
import { AgencyLookupService } from '../../agencies/agency-lookup.service';
import { ObservationsRepository } from '../observations.repository';
import { SubmitObservationsService } from '../submit-observations.service';
import { IntakeMessage } from './intake.decoder';

// A rejection carries bounded parts of the message (messageSource, boundedReason): one must fit in a Kafka
// message whatever the sender put in the value, the type or the agency header.
function rejection(
  raw: RawMessage,
  agency: string | undefined,
  reason: { code: string; message: string; path?: string },
): OutgoingEvent<ObservationRejectedV1> {
  return {
    contract: ObservationRejectedV1,
    id: `intake:${raw.partition}:${raw.offset}`,
    data: {
      ...(agency ? { agency: truncateText(agency, 100) } : {}),
      reason: boundedReason({ code: truncateText(reason.code, 64), message: reason.message, ...(reason.path ? { path: reason.path } : {}) }),
      source: messageSource(raw),
      rejectedAt: new Date().toISOString(),
    },
  };
}

/** Which message this is, claimed in the transaction that applies it (ingestion.processed_event). */
function intakeMessageId(raw: RawMessage): string {
  return `intake:${raw.topic}:${raw.partition}:${raw.offset}`;
}

type Reason = { code: string; message: string; path?: string };

/**
 * Observations from agencies' own systems: the same checks and storage as the HTTP API; every reject goes to
 * dx.intake.dlq.v1 with its reason and the original bytes. Each message is applied at most once (its id is
 * claimed in the transaction that applies it, so a replayed range changes and emits nothing), and in offset
 * order: consecutive messages of one agency make one submission, so a key reported by two agencies in one
 * batch ends with the value sent last.
 */
@Injectable()
export class IntakeObservationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agencies: AgencyLookupService,
    private readonly observations: ObservationsRepository,
    private readonly submit: SubmitObservationsService,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(events: ReadonlyArray<ConsumedEvent<IntakeMessage>>): Promise<void> {
    const unusable: Array<{ messageId: string; event: OutgoingEvent<ObservationRejectedV1> }> = [];
    const refuse = (raw: RawMessage, agency: string | undefined, reason: Reason) =>
      unusable.push({ messageId: intakeMessageId(raw), event: rejection(raw, agency, reason) });
    const runs: Array<{ agency: Agency; events: ConsumedEvent<IntakeMessage>[] }> = [];
    const standings = new Map<string, Agency | Reason>();
    for (const event of events) {
      const code = event.message.headers[AGENCY_HEADER];
      const unreadable = event.event.data.unreadable;
      if (unreadable) {
        refuse(event.message, code, unreadable);
        continue;
      }
      if (!code) {
        refuse(event.message, undefined, { code: 'out_of_scope', message: `Thiếu header ${AGENCY_HEADER} / missing ${AGENCY_HEADER} header` });
        continue;
      }
      const standing = standings.get(code) ?? (await this.standing(code));
      standings.set(code, standing);
      if ('message' in standing) {
        refuse(event.message, code, standing);
        continue;
      }
      const last = runs[runs.length - 1];
      if (last?.agency.code === code) last.events.push(event);
      else runs.push({ agency: standing, events: [event] });
    }

    for (const run of runs) {
      await this.submit.execute({
        agency: run.agency,
        channel: 'kafka',
        items: run.events.map((e, index) => ({ index, item: e.event.data.item, messageId: intakeMessageId(e.message) })),
        rejectionEvents: (rejected) => rejected.map((r) => rejection(run.events[r.index].message, run.agency.code, { code: r.code, message: r.message })),
      });
    }
    if (unusable.length > 0) {
      await this.dataSource.transaction(async (manager) => {
        const fresh = await this.observations.claimMessages(
          manager,
          unusable.map((u) => u.messageId),
        );
        await this.outbox.enqueue(
          manager,
          unusable.filter((u) => fresh.has(u.messageId)).map((u) => u.event),
        );
      });
    }
  }

  /** The agency a message claims to come from, or why its messages are refused. */
  private async standing(code: string): Promise<Agency | Reason> {
    // A header that cannot be an agency code (control characters, any length) is neither looked up nor echoed.
    if (!agencyCodeSchema.safeParse(code).success) {
      return { code: 'out_of_scope', message: `Header ${AGENCY_HEADER} không phải mã cơ quan / header ${AGENCY_HEADER} is not an agency code` };
    }
    const found = await this.agencies.findByCode(code);
    if (!found) return { code: 'out_of_scope', message: `Không có cơ quan ${code} / unknown agency ${code}` };
    if (!found.hasLiveKey) {
      return {
        code: 'no_live_key',
        message: `Cơ quan ${code} không còn khoá API hiệu lực, không nhận số liệu / agency ${code} has no live API key: its intake is refused`,
      };
    }
    return found.agency;
  }
}
