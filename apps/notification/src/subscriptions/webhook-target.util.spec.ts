import { webhookTargetProblem } from './webhook-target.util';

describe('webhookTargetProblem', () => {
  it.each(['http://127.0.0.1:8080/hook', 'https://portal.cantho.gov.vn/dx', 'http://[::1]:9000/'])('should allow %s when no host list is set', (url) => {
    expect(webhookTargetProblem(url, undefined)).toBeUndefined();
  });

  it.each(['ftp://example.org/x', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', 'https://user:pw@example.org/'])('should refuse %s', (url) => {
    expect(webhookTargetProblem(url, undefined)).toBeDefined();
  });

  it('should allow only the listed hosts when WEBHOOK_ALLOWED_HOSTS is set', () => {
    const allowed = new Set(['portal.cantho.gov.vn']);
    expect(webhookTargetProblem('https://PORTAL.cantho.gov.vn/x', allowed)).toBeUndefined();
    expect(webhookTargetProblem('http://127.0.0.1/x', allowed)?.en).toContain('127.0.0.1');
    expect(webhookTargetProblem('http://169.254.169.254/latest', allowed)).toBeDefined();
  });
});
