/**
 * The HTML part of an e-mail: the Vietnamese lines, a rule, the English lines, and the link as a button.
 * Every line is escaped: unit names, notes and other data never become markup.
 */
export function emailHtml(content: {
  readonly subject: string;
  readonly lines: { readonly vi: readonly string[]; readonly en: readonly string[] };
  readonly link?: string;
}): string {
  const paragraphs = (lines: readonly string[]) =>
    lines.map((line) => (line === '' ? '<br>' : `<p style="margin:0 0 6px 0">${escapeHtml(line)}</p>`)).join('\n');
  const button = content.link
    ? `<p style="margin:16px 0"><a href="${escapeHtml(content.link)}" style="background:#0b5cab;color:#ffffff;padding:8px 14px;text-decoration:none;border-radius:4px">Mở bảng điều khiển / Open the dashboard</a></p>`
    : '';
  return [
    '<!doctype html>',
    '<html lang="vi"><head><meta charset="utf-8"><title>' + escapeHtml(content.subject) + '</title></head>',
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1a1a1a">',
    `<div lang="vi">${paragraphs(content.lines.vi)}</div>`,
    button,
    '<hr style="border:none;border-top:1px solid #cccccc;margin:16px 0">',
    `<div lang="en">${paragraphs(content.lines.en)}</div>`,
    '</body></html>',
  ].join('\n');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
