import { DemoAgency } from './demo-data.util';

/** One call of the ingestion admin API with the admin token: the status and the parsed JSON body. */
export type AdminApi = (path: string, init: { method: 'GET' | 'POST' | 'DELETE'; body?: unknown }) => Promise<{ status: number; body: any }>;

/**
 * The demo agency's key for this run: a new agency's first key, or, for an agency registered by an earlier
 * run, a fresh key, after which every older live key is revoked: it was shown once to a run that is gone,
 * so nobody holds it any more and it must not stay valid.
 */
export async function demoAgencyKey(api: AdminApi, agency: DemoAgency): Promise<string> {
  const created = await api('/v1/agencies', { method: 'POST', body: agency });
  if (created.status === 201) return created.body.apiKey;
  if (created.status !== 409) throw new Error(`cannot register ${agency.code}: ${created.status} ${JSON.stringify(created.body)}`);
  const rotated = await api(`/v1/agencies/${agency.code}/keys`, { method: 'POST' });
  if (rotated.status !== 201) throw new Error(`cannot get a key for ${agency.code}: ${rotated.status}`);
  const listed = await api('/v1/agencies', { method: 'GET' });
  if (listed.status !== 200) throw new Error(`cannot list the agencies: ${listed.status}`);
  const keys: Array<{ id: string; revokedAt: string | null }> = listed.body.find((a: { code: string }) => a.code === agency.code)?.keys ?? [];
  for (const key of keys.filter((k) => k.revokedAt === null && k.id !== rotated.body.keyId)) {
    const revoked = await api(`/v1/agencies/${agency.code}/keys/${key.id}`, { method: 'DELETE' });
    if (revoked.status !== 204) throw new Error(`cannot revoke an old key of ${agency.code}: ${revoked.status}`);
  }
  return rotated.body.apiKey;
}
