import { DemoAgency } from './demo-data.util';
import { AdminApi, demoAgencyKey } from './demo-keys.util';

/** The admin endpoints the demo uses, in memory, with the contract's statuses. */
function adminApi(): { api: AdminApi; keys: (code: string) => Array<{ id: string; revokedAt: string | null }> } {
  const agencies = new Map<string, Array<{ id: string; revokedAt: string | null }>>();
  let next = 0;
  const issue = (code: string) => {
    const id = `key-${(next += 1)}`;
    agencies.get(code)?.push({ id, revokedAt: null });
    return { status: 201, body: { apiKey: `dxk_${id}`, keyId: id } };
  };
  const api: AdminApi = async (path, { method, body }) => {
    const rotate = /^\/v1\/agencies\/([^/]+)\/keys$/.exec(path);
    const revoke = /^\/v1\/agencies\/([^/]+)\/keys\/([^/]+)$/.exec(path);
    if (path === '/v1/agencies' && method === 'POST') {
      const code = (body as DemoAgency).code;
      if (agencies.has(code)) return { status: 409, body: { error: { code: 'conflict' } } };
      agencies.set(code, []);
      return issue(code);
    }
    if (path === '/v1/agencies' && method === 'GET') return { status: 200, body: [...agencies].map(([code, keys]) => ({ code, keys })) };
    if (rotate && method === 'POST') return agencies.has(rotate[1]) ? issue(rotate[1]) : { status: 404, body: {} };
    const key = revoke && method === 'DELETE' ? agencies.get(revoke[1])?.find((k) => k.id === revoke[2]) : undefined;
    if (!key) return { status: 404, body: {} };
    key.revokedAt = key.revokedAt ?? new Date().toISOString();
    return { status: 204, body: undefined };
  };
  return { api, keys: (code) => agencies.get(code) ?? [] };
}

describe('demoAgencyKey', () => {
  const agency: DemoAgency = { code: 'demo-vnpt', name: 'VNPT', measures: ['households.fibre'], units: ['92'] };

  it('should leave exactly one live key per demo agency however many times the demo runs', async () => {
    const { api, keys } = adminApi();
    const first = await demoAgencyKey(api, agency);
    expect(first).toBe('dxk_key-1');
    const second = await demoAgencyKey(api, agency);
    const third = await demoAgencyKey(api, agency);
    expect(third).not.toBe(second);
    const live = keys(agency.code).filter((k) => k.revokedAt === null);
    expect(live.map((k) => `dxk_${k.id}`)).toEqual([third]);
    expect(keys(agency.code)).toHaveLength(3);
  });

  it('should stop with the reason when the agency cannot be registered', async () => {
    const refusing: AdminApi = async () => ({ status: 401, body: { error: { code: 'unauthenticated' } } });
    await expect(demoAgencyKey(refusing, agency)).rejects.toThrow(/cannot register demo-vnpt: 401/);
  });
});
