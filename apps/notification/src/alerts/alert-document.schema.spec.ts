import { decideAlert, HierarchyRegistry, StatusChange } from '@dx/domain';

import { alertFromDocument, alertToDocument } from './alert-document.schema';

describe('alert documents', () => {
  const hierarchies = HierarchyRegistry.withDefaults();
  const slip: StatusChange = {
    kind: 'status_slip',
    indicator: 'SOC-01',
    unit: '31117',
    period: '2025-Q2',
    status: 'off_track',
    previousStatus: 'on_track',
    value: 61.5,
    expected: 88,
    severity: 'critical',
    eventId: 'e1',
    hierarchyVersion: '2024-11',
    detectedAt: new Date('2025-07-01T01:00:00Z'),
  };

  it('should read back the alert it stored, instants and history included', () => {
    const fired = decideAlert([], { type: 'status_changed', change: slip, at: new Date('2025-07-01T01:00:01Z') }, { hierarchies });
    const alertId = fired.alerts[0].id;
    const acknowledged = decideAlert(
      fired.alerts,
      { type: 'acknowledge', alertId, by: 'Trần Thị Bình', note: 'đang xử lý', at: new Date('2025-07-01T02:00:00Z') },
      { hierarchies },
    );
    const alert = acknowledged.alerts[0];
    expect(alert.state).toBe('acknowledged');
    const read = alertFromDocument(JSON.parse(alertToDocument(alert)));
    expect(read).toEqual(alert);
    expect(read.firedAt).toBeInstanceOf(Date);
  });

  it('should refuse a document that is not an alert', () => {
    expect(() => alertFromDocument({ id: 'x', state: 'open' })).toThrow();
  });
});
