import { alertsAsyncApiDocument } from './asyncapi-document.util';

describe('alertsAsyncApiDocument', () => {
  it('should describe the four lifecycle events of dx.alerts.v1 with their payload schemas', () => {
    const document = alertsAsyncApiDocument() as any;
    expect(document.channels.alerts.address).toBe('dx.alerts.v1');
    expect(Object.values(document.components.messages).map((m: any) => m.name)).toEqual([
      'vn.cantho.dx.alert.fired.v1',
      'vn.cantho.dx.alert.acknowledged.v1',
      'vn.cantho.dx.alert.escalated.v1',
      'vn.cantho.dx.alert.resolved.v1',
    ]);
    const resolved = document.components.messages.alertResolved.payload.properties.data;
    // One schema per kind, each requiring what the lifecycle event guarantees.
    expect(resolved.oneOf ?? resolved.anyOf).toHaveLength(2);
    for (const variant of resolved.oneOf ?? resolved.anyOf)
      expect(variant.required).toEqual(expect.arrayContaining(['resolvedAt', 'resolution', 'hierarchyVersion']));
  });
});
