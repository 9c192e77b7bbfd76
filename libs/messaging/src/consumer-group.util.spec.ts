import { consumerGroupId } from './consumer-group.util';

describe('consumerGroupId', () => {
  it("should name a service's own group under the topic prefix", () => {
    expect(consumerGroupId('', 'computation')).toBe('dx-computation');
    expect(consumerGroupId('t-1.', 'reporting')).toBe('t-1.dx-reporting');
  });

  it("should name a service's separate reader after the service, so its ACL prefix still covers it", () => {
    expect(consumerGroupId('t-1.', 'notification', 'digest')).toBe('t-1.dx-notification-digest');
    expect(consumerGroupId('', 'computation', 'rebuild-ab12')).toMatch(/^dx-computation-/);
  });
});
