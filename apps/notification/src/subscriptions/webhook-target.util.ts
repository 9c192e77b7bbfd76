import { LocalizedText } from '@dx/domain';

/**
 * Why a webhook URL may not be called, or undefined when it may: http or https only (contract), no
 * credentials in the URL (they would be logged and stored in clear), and a host in `allowedHosts` when
 * WEBHOOK_ALLOWED_HOSTS is set (unset: any host, loopback included).
 */
export function webhookTargetProblem(url: string, allowedHosts: ReadonlySet<string> | undefined): LocalizedText | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { vi: 'URL webhook không hợp lệ', en: 'the webhook URL is not a URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { vi: 'Webhook chỉ dùng http hoặc https', en: 'webhooks use http or https only' };
  if (parsed.username || parsed.password) return { vi: 'URL webhook không được chứa thông tin đăng nhập', en: 'the webhook URL must not carry credentials' };
  const host = parsed.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (allowedHosts && !allowedHosts.has(host)) {
    return { vi: `Máy chủ ${host} không nằm trong WEBHOOK_ALLOWED_HOSTS`, en: `host ${host} is not in WEBHOOK_ALLOWED_HOSTS` };
  }
  return undefined;
}
