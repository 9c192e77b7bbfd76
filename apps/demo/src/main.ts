import { DEV_ADMIN_TOKEN } from '@dx/platform';

import { DEMO_AGENCIES, DEMO_SUBSCRIPTIONS, DemoObservation, generateDemoObservations, trickleObservations } from './demo-data.util';
import { AdminApi, demoAgencyKey } from './demo-keys.util';

// `npm start` runs this once the services are ready (DX_DEMO=on): it registers the demo agencies and
// sends their synthetic reports through the public ingestion API, like any agency would.
const INGESTION_URL = process.env.INGESTION_URL ?? `http://127.0.0.1:${process.env.INGESTION_PORT ?? 3001}`;
const NOTIFICATION_URL = process.env.NOTIFICATION_URL ?? `http://127.0.0.1:${process.env.NOTIFICATION_PORT ?? 3003}`;
const ADMIN_TOKEN = process.env.DX_ADMIN_TOKEN || DEV_ADMIN_TOKEN;
const BATCH = 1_000;
// After the replay a few communes report every this often, so that the dashboard moves (0: no trickle).
const TRICKLE_MS = Number(process.env.DX_DEMO_TRICKLE_MS ?? 15_000);

async function call(path: string, init: { method: string; token: string; body?: unknown; base?: string }): Promise<{ status: number; body: any }> {
  const response = await fetch(`${init.base ?? INGESTION_URL}${path}`, {
    method: init.method,
    headers: { authorization: `Bearer ${init.token}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

const admin: AdminApi = (path, init) => call(path, { ...init, token: ADMIN_TOKEN });

/** The demo's subscriptions, made once (an earlier run's are kept): alerts reach the mail catcher. */
async function ensureSubscriptions(): Promise<void> {
  const existing = await call('/v1/subscriptions', { method: 'GET', token: ADMIN_TOKEN, base: NOTIFICATION_URL });
  if (existing.status !== 200) throw new Error(`cannot list subscriptions: ${existing.status}`);
  const names = new Set((existing.body.items as Array<{ name: string }>).map((s) => s.name));
  for (const subscription of DEMO_SUBSCRIPTIONS.filter((s) => !names.has(s.name))) {
    const created = await call('/v1/subscriptions', { method: 'POST', token: ADMIN_TOKEN, body: subscription, base: NOTIFICATION_URL });
    if (created.status !== 201) throw new Error(`cannot subscribe ${subscription.name}: ${created.status} ${JSON.stringify(created.body)}`);
    process.stdout.write(
      `Đăng ký cảnh báo / subscription: ${subscription.name} → ${subscription.email}${'inbox' in subscription ? ` (inbox: GET ${NOTIFICATION_URL}/v1/inbox, Bearer ${created.body.token})` : ''}\n`,
    );
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  // Before the reports, so that the alerts they raise have someone to tell.
  await ensureSubscriptions();
  const observations = generateDemoObservations(new Date());
  const byAgency = new Map<string, DemoObservation[]>();
  for (const o of observations) byAgency.set(o.agency, [...(byAgency.get(o.agency) ?? []), o]);

  const totals = { accepted: 0, revised: 0, unchanged: 0, rejected: 0 };
  const tokens = new Map<string, string>();
  for (const agency of DEMO_AGENCIES) {
    const token = await demoAgencyKey(admin, agency);
    tokens.set(agency.code, token);
    const items = byAgency.get(agency.code) ?? [];
    for (let i = 0; i < items.length; i += BATCH) {
      const batch = items.slice(i, i + BATCH).map(({ agency: _agency, ...item }) => item);
      const answer = await call('/v1/observations', { method: 'POST', token, body: { observations: batch } });
      if (answer.status !== 202) throw new Error(`demo batch refused: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      totals.accepted += answer.body.accepted;
      totals.revised += answer.body.revised;
      totals.unchanged += answer.body.unchanged;
      totals.rejected += answer.body.rejected.length;
    }
  }
  process.stdout.write(
    `Dữ liệu mô phỏng / demo data: ${observations.length} observations from ${DEMO_AGENCIES.length} agencies ` +
      `(${totals.accepted} new, ${totals.revised} revised, ${totals.unchanged} unchanged, ${totals.rejected} rejected) ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s — synthetic numbers, not official statistics.\n`,
  );
  if (TRICKLE_MS > 0) trickle(tokens);
}

/** Keeps reporting a few communes' current-quarter numbers until the process is stopped. */
function trickle(tokens: ReadonlyMap<string, string>): void {
  let tick = 0;
  const send = async (): Promise<void> => {
    const byAgency = new Map<string, DemoObservation[]>();
    for (const o of trickleObservations(new Date(), tick)) byAgency.set(o.agency, [...(byAgency.get(o.agency) ?? []), o]);
    tick += 1;
    for (const [agency, items] of byAgency) {
      const token = tokens.get(agency);
      if (!token) continue;
      const answer = await call('/v1/observations', { method: 'POST', token, body: { observations: items.map(({ agency: _agency, ...item }) => item) } });
      if (answer.status !== 202) process.stderr.write(`demo trickle refused: ${answer.status}\n`);
    }
  };
  const timer = setInterval(
    () => void send().catch((error) => process.stderr.write(`demo trickle: ${error instanceof Error ? error.message : String(error)}\n`)),
    TRICKLE_MS,
  );
  process.stdout.write(`Dữ liệu mô phỏng tiếp tục mỗi ${TRICKLE_MS / 1000} s / the demo keeps reporting every ${TRICKLE_MS / 1000} s\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      clearInterval(timer);
      process.exit(0);
    });
  }
}

main().catch((error) => {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
