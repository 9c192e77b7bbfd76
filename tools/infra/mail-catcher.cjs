'use strict';
// A local mail catcher for `npm start` and the tests: an SMTP server (smtp-server) that keeps what it
// receives (parsed by mailparser) and a small web page to read it. Loopback only; nothing is relayed.
const http = require('node:http');

const { simpleParser } = require('mailparser');
const { SMTPServer } = require('smtp-server');

const KEEP = 500;

function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function listPage(messages) {
  const rows = messages
    .slice()
    .reverse()
    .map(
      (m) => `<tr><td>${escapeHtml(m.date)}</td><td>${escapeHtml(m.to.join(', '))}</td><td><a href="/messages/${m.id}">${escapeHtml(m.subject)}</a></td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Hộp thư thử / Mail catcher</title>
<style>body{font-family:Arial,sans-serif;margin:24px}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:6px;text-align:left;font-size:14px}</style></head>
<body><h1>Hộp thư thử nghiệm / Local mail catcher</h1>
<p>${messages.length} thư, tự làm mới mỗi 5 giây / messages, refreshed every 5 seconds. Không thư nào được gửi ra ngoài / nothing leaves this machine.</p>
<table><thead><tr><th>Thời điểm / Received</th><th>Người nhận / To</th><th>Tiêu đề / Subject</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}

function messagePage(m) {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(m.subject)}</title>
<style>body{font-family:Arial,sans-serif;margin:24px}iframe{width:100%;height:70vh;border:1px solid #ddd}pre{white-space:pre-wrap}</style></head>
<body><p><a href="/">← Tất cả thư / all messages</a></p><h2>${escapeHtml(m.subject)}</h2>
<p>Từ / From: ${escapeHtml(m.from)}<br>Đến / To: ${escapeHtml(m.to.join(', '))}<br>${escapeHtml(m.date)}</p>
${m.html ? `<iframe sandbox src="/messages/${m.id}/html"></iframe>` : ''}<h3>Văn bản / Text</h3><pre>${escapeHtml(m.text)}</pre></body></html>`;
}

/**
 * Starts the catcher. Port 0 picks a free one. Resolves to the SMTP URL (for SMTP_URL), the page's URL,
 * the received messages (newest last) and `stop()`.
 */
async function startMailCatcher({ smtpPort = 1025, webPort = 1080, host = '127.0.0.1' } = {}) {
  const messages = [];
  let nextId = 1;
  const waiters = new Set();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const message = {
            id: nextId++,
            from: parsed.from?.text ?? session.envelope.mailFrom?.address ?? '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers: Object.fromEntries([...parsed.headers].map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
            messageId: parsed.messageId ?? '',
            date: new Date().toISOString(),
          };
          messages.push(message);
          if (messages.length > KEEP) messages.shift();
          for (const waiter of waiters) waiter();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(smtpPort, host, () => {
      smtp.off('error', reject);
      resolve();
    });
  });
  smtp.on('error', () => undefined);

  const web = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status, type, body, headers = {}) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    if (req.method === 'GET' && url.pathname === '/') return send(200, 'text/html; charset=utf-8', listPage(messages));
    if (req.method === 'GET' && url.pathname === '/api/messages') return send(200, 'application/json; charset=utf-8', JSON.stringify(messages));
    const match = /^\/messages\/(\d+)(\/html)?$/.exec(url.pathname);
    const message = match ? messages.find((m) => m.id === Number(match[1])) : undefined;
    if (req.method === 'GET' && message && match[2]) {
      // Shown in a sandboxed frame: the message's own markup runs no script here.
      return send(200, 'text/html; charset=utf-8', message.html, { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:" });
    }
    if (req.method === 'GET' && message) return send(200, 'text/html; charset=utf-8', messagePage(message));
    return send(404, 'text/plain; charset=utf-8', 'không tìm thấy / not found');
  });
  await new Promise((resolve, reject) => {
    web.once('error', reject);
    web.listen(webPort, host, () => {
      web.off('error', reject);
      resolve();
    });
  });

  const actualSmtpPort = smtp.server.address().port;
  const actualWebPort = web.address().port;
  return {
    smtpUrl: `smtp://${host}:${actualSmtpPort}`,
    webUrl: `http://${host === '127.0.0.1' ? 'localhost' : host}:${actualWebPort}`,
    messages,
    stop: () =>
      Promise.all([
        new Promise((resolve) => smtp.close(() => resolve())),
        new Promise((resolve) => {
          web.closeAllConnections?.();
          web.close(() => resolve());
        }),
      ]).then(() => undefined),
  };
}

module.exports = { startMailCatcher };
