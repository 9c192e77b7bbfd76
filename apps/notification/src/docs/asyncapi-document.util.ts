import { z } from 'zod';

import { AlertAcknowledgedV1, AlertEscalatedV1, AlertFiredV1, AlertResolvedV1, EventContract, TOPICS } from '@dx/contracts';

const EVENTS: ReadonlyArray<{ readonly name: string; readonly contract: EventContract<any>; readonly summary: string }> = [
  { name: 'alertFired', contract: AlertFiredV1, summary: 'Cảnh báo mới hoặc nặng hơn / an alert opened, or re-fired with a higher severity (same id)' },
  { name: 'alertAcknowledged', contract: AlertAcknowledgedV1, summary: 'Đã xác nhận / a supervisor acknowledged the alert' },
  { name: 'alertEscalated', contract: AlertEscalatedV1, summary: 'Chuyển cấp / not acknowledged in time: one level up the hierarchy' },
  { name: 'alertResolved', contract: AlertResolvedV1, summary: 'Đã khắc phục / the status recovered, the report arrived, or no further fall' },
];

/**
 * The AsyncAPI 3 document of `dx.alerts.v1`, generated from the contracts' zod schemas at start-up so
 * that it cannot drift from what is published.
 */
export function alertsAsyncApiDocument(): Record<string, unknown> {
  const messages = Object.fromEntries(
    EVENTS.map(({ name, contract, summary }) => [
      name,
      {
        name: contract.type,
        title: contract.type,
        summary,
        contentType: 'application/cloudevents+json',
        headers: { type: 'object', properties: { 'content-type': { type: 'string', const: 'application/cloudevents+json; charset=UTF-8' } } },
        payload: {
          type: 'object',
          description: 'CloudEvents 1.0, structured mode; the Kafka key is the alert id',
          required: ['specversion', 'id', 'source', 'type', 'time', 'datacontenttype', 'data'],
          properties: {
            specversion: { const: '1.0' },
            id: { type: 'string', description: '<alert id>/<history index>: stable for one lifecycle change' },
            source: { const: '/dx/notification' },
            type: { const: contract.type },
            time: { type: 'string', format: 'date-time' },
            subject: { type: 'string', description: '<kind>/<indicator or measure>/<unit>' },
            datacontenttype: { const: 'application/json' },
            data: z.toJSONSchema(contract.schema, { io: 'output', unrepresentable: 'any' }),
          },
        },
      },
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Cảnh báo chuyển đổi số Cần Thơ / Can Tho DX alerts',
      version: '1',
      description:
        'Every lifecycle change of an alert (firing → acknowledged → resolved, escalations), published by the notification service through its outbox, in commit order per alert.',
    },
    defaultContentType: 'application/cloudevents+json',
    channels: {
      alerts: {
        address: TOPICS.alerts,
        description: 'Keyed by alert id; kept forever. A breaking change is a new topic (.v2).',
        messages: Object.fromEntries(Object.keys(messages).map((name) => [name, { $ref: `#/components/messages/${name}` }])),
      },
    },
    operations: {
      publishAlerts: {
        action: 'send',
        channel: { $ref: '#/channels/alerts' },
        messages: Object.keys(messages).map((name) => ({ $ref: `#/channels/alerts/messages/${name}` })),
      },
    },
    components: { messages },
  };
}
