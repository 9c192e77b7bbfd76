import { createHmac } from 'node:crypto';

/**
 * The contract's signature headers of a webhook request: `X-DX-Signature` is the HMAC-SHA256 of the raw
 * body alone; `X-DX-Signature-Timestamped` the HMAC of `<timestamp>.<raw body>`, so a receiver that checks
 * `X-DX-Timestamp` can refuse a replayed request.
 */
export function webhookSignatureHeaders(body: string, secret: string, at: Date): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return {
    'X-DX-Timestamp': timestamp,
    'X-DX-Signature': `sha256=${hmacHex(secret, body)}`,
    'X-DX-Signature-Timestamped': `sha256=${hmacHex(secret, `${timestamp}.${body}`)}`,
  };
}

function hmacHex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}
