import { CloudEvent, decodeEvent, ObservationSubmittedV1 } from '@dx/contracts';
import { MessageDecoder, RawMessage } from '@dx/messaging';

/** What the intake handler gets for every message: the observation item, or why it could not be read. */
export interface IntakeMessage {
  item?: unknown;
  unreadable?: { code: string; message: string; path?: string };
}

function envelope(message: RawMessage, data: IntakeMessage): CloudEvent<IntakeMessage> {
  return {
    specversion: '1.0',
    id: `intake:${message.partition}:${message.offset}`,
    source: 'dx.intake.v1',
    type: ObservationSubmittedV1.type,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data,
  };
}

/**
 * Agencies' systems may send a CloudEvents envelope of type observation.submitted.v1 or the bare
 * observation object (contract.md "Kafka intake"). Never fails: an unreadable message is still handed to
 * the handler, which rejects it to dx.intake.dlq.v1 (the intake's own dead-letter contract).
 */
export const decodeIntakeMessage: MessageDecoder<IntakeMessage> = (message) => {
  let json: unknown;
  try {
    json = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch {
    return {
      ok: true,
      event: envelope(message, { unreadable: { code: 'malformed_json', message: 'JSON không hợp lệ / malformed JSON' } }),
      contract: ObservationSubmittedV1,
    } as never;
  }
  if (typeof json === 'object' && json !== null && 'specversion' in json) {
    const decoded = decodeEvent(ObservationSubmittedV1, message.value);
    const data: IntakeMessage = decoded.ok
      ? { item: decoded.event.data }
      : { unreadable: { code: decoded.error.code, message: decoded.error.message, path: decoded.error.path || undefined } };
    return { ok: true, event: envelope(message, data), contract: ObservationSubmittedV1 } as never;
  }
  return { ok: true, event: envelope(message, { item: json }), contract: ObservationSubmittedV1 } as never;
};
