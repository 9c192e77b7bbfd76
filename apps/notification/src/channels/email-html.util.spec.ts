import { emailHtml } from './email-html.util';

describe('emailHtml', () => {
  const content = {
    subject: '[Nghiêm trọng] Cảnh báo mới / [Critical] New alert',
    lines: { vi: ['Phường Cái Khế chậm tiến độ', '', 'Ghi chú: <script>alert(1)</script>'], en: ['Phường Cái Khế is off track'] },
    link: 'http://localhost:3000/?alert=a%3A1#alerts',
  };

  it('should put the Vietnamese text before the English text', () => {
    const html = emailHtml(content);
    expect(html.indexOf('chậm tiến độ')).toBeLessThan(html.indexOf('is off track'));
    expect(html).toContain('href="http://localhost:3000/?alert=a%3A1#alerts"');
  });

  it('should escape data so that it never becomes markup', () => {
    const html = emailHtml(content);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
