import { createHmac } from 'node:crypto';

import { webhookSignatureHeaders } from './webhook-signature.util';

describe('webhookSignatureHeaders', () => {
  const body = '{"deliveryId":"d1","event":"alert.fired","alert":{"message":{"vi":"Chậm tiến độ","en":"Off track"}}}';
  const at = new Date('2026-11-30T01:02:03.900Z');

  it('should sign the raw body alone and, separately, the timestamp with the body', () => {
    const headers = webhookSignatureHeaders(body, 'shared-secret-0123456789', at);
    expect(headers['X-DX-Timestamp']).toBe('1796000523');
    // Checked as a receiver would, with its own HMAC over the bytes it received.
    expect(headers['X-DX-Signature']).toBe(`sha256=${createHmac('sha256', 'shared-secret-0123456789').update(Buffer.from(body, 'utf8')).digest('hex')}`);
    expect(headers['X-DX-Signature-Timestamped']).toBe(`sha256=${createHmac('sha256', 'shared-secret-0123456789').update(`1796000523.${body}`).digest('hex')}`);
  });

  it('should give another signature for another secret or another body', () => {
    const signature = webhookSignatureHeaders(body, 'secret-a-0123456789', at)['X-DX-Signature'];
    expect(webhookSignatureHeaders(body, 'secret-b-0123456789', at)['X-DX-Signature']).not.toBe(signature);
    expect(webhookSignatureHeaders(`${body} `, 'secret-a-0123456789', at)['X-DX-Signature']).not.toBe(signature);
  });
});
