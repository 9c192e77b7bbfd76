import { DEV_ADMIN_TOKEN } from '@dx/platform';

import { DEMO_AGENCIES, DemoAgency, DemoObservation, generateDemoObservations } from './demo-data.util';

// `npm start` runs this once the services are ready (DX_DEMO=on): it registers the demo agencies and
// sends their synthetic reports through the public ingestion API, like any agency would.
const INGESTION_URL = process.env.INGESTION_URL ?? `http://127.0.0.1:${process.env.INGESTION_PORT ?? 3001}`;
const ADMIN_TOKEN = process.env.DX_ADMIN_TOKEN || DEV_ADMIN_TOKEN;
const BATCH = 1_000;

async function call(path: string, init: { method: string; token: string; body?: unknown; idempotencyKey?: string }): Promise<{ status: number; body: any }> {
  const response = await fetch(`${INGESTION_URL}${path}`, {
    method: init.method,
    headers: {
      authorization: `Bearer ${init.token}`,
      'content-type': 'application/json',
      ...(init.idempotencyKey ? { 'idempotency-key': init.idempotencyKey } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

/** The agency's key: a new agency's first key, or a fresh key for one registered by an earlier run. */
async function keyFor(agency: DemoAgency): Promise<string> {
  const created = await call('/v1/agencies', { method: 'POST', token: ADMIN_TOKEN, body: agency });
  if (created.status === 201) return created.body.apiKey;
  if (created.status !== 409) throw new Error(`cannot register ${agency.code}: ${created.status} ${JSON.stringify(created.body)}`);
  const rotated = await call(`/v1/agencies/${agency.code}/keys`, { method: 'POST', token: ADMIN_TOKEN });
  if (rotated.status !== 201) throw new Error(`cannot get a key for ${agency.code}: ${rotated.status}`);
  return rotated.body.apiKey;
}

async function main(): Promise<void> {
  const started = Date.now();
  const observations = generateDemoObservations(new Date());
  const byAgency = new Map<string, DemoObservation[]>();
  for (const o of observations) byAgency.set(o.agency, [...(byAgency.get(o.agency) ?? []), o]);

  const totals = { accepted: 0, revised: 0, unchanged: 0, rejected: 0 };
  for (const agency of DEMO_AGENCIES) {
    const token = await keyFor(agency);
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
}

main().catch((error) => {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
