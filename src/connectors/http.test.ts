import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpConnector } from './http.js';

/**
 * The other side of Mamori's HTTP protocol: a small service answering for its own records, as a SaaS or an
 * internal system would. It runs as a real HTTP server on loopback.
 */
let service: FastifyInstance;
let base: string;
const seen: { path: string; auth: string | undefined }[] = [];
let rows: Record<string, unknown>[] = [];

beforeAll(async () => {
  service = Fastify();
  service.addHook('onRequest', async (request) => {
    seen.push({ path: request.url, auth: request.headers.authorization });
  });
  service.post('/health', async () => ({ ok: true }));
  service.post('/describe', async () => ({
    collections: [
      {
        name: 'tickets',
        fields: [{ name: 'id', dataType: 'int', primaryKey: true, nullable: false, references: [] }],
      },
    ],
  }));
  service.post('/primary-key', async () => ({ fields: ['id'] }));
  service.post('/find', async (request) => {
    const { fields, where } = request.body as { fields: string[]; where: Record<string, unknown[]> };
    const hits = rows.filter((r) => Object.entries(where).some(([f, values]) => values.includes(r[f])));
    return { rows: hits.map((r) => Object.fromEntries(fields.map((f) => [f, r[f]]))) };
  });
  service.post('/update', async (request) => {
    const { updates } = request.body as { updates: { key: { id: number }; set: Record<string, unknown> }[] };
    let changed = 0;
    for (const u of updates) {
      const row = rows.find((r) => r.id === u.key.id);
      if (row) {
        Object.assign(row, u.set);
        changed += 1;
      }
    }
    return { changed };
  });
  service.post('/delete', async (request) => {
    const { keys } = request.body as { keys: { id: number }[] };
    const before = rows.length;
    rows = rows.filter((r) => !keys.some((k) => k.id === r.id));
    return { deleted: before - rows.length };
  });
  service.post('/broken', async (_r, reply) => reply.code(500).send({}));
  await service.listen({ port: 0, host: '127.0.0.1' });
  const address = service.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => service.close());

describe('HTTP connector', () => {
  const location = { name: 'tickets' };

  it('finds, updates and deletes one person’s records with one call each, sending credentials as Basic auth', async () => {
    rows = [
      { id: 1, email: 'a@example.jp', body: 'help', owner: 'x' },
      { id: 2, email: 'b@example.jp', body: 'thanks', owner: 'y' },
      { id: 3, email: 'a@example.jp', body: 'again', owner: 'z' },
    ];
    const c = new HttpConnector({ key: 'helpdesk', url: `http://svc:s3cr%40t@${base.slice(7)}` });
    await c.test();
    expect(await c.primaryKey(location)).toEqual(['id']);
    expect((await c.describe())[0]?.name).toBe('tickets');
    const found = await c.find({ location, fields: ['id', 'email'], where: { email: ['a@example.jp'] } });
    expect(found).toEqual([
      { id: 1, email: 'a@example.jp' },
      { id: 3, email: 'a@example.jp' },
    ]);
    const calls = seen.length;
    expect(
      await c.update(
        location,
        ['id'],
        found.map((r) => ({ key: { id: r.id }, set: { email: null } })),
      ),
    ).toBe(2);
    expect(seen.length).toBe(calls + 1);
    expect(rows.filter((r) => r.email === null).map((r) => r.id)).toEqual([1, 3]);
    expect(await c.delete(location, ['id'], [{ id: 3 }])).toBe(1);
    expect(rows.map((r) => r.id)).toEqual([1, 2]);
    expect(seen.at(-1)?.auth).toBe(`Basic ${Buffer.from('svc:s3cr@t').toString('base64')}`);
    expect(seen.every((s) => !s.path.includes('s3cr'))).toBe(true);
  });

  it('refuses to write through a read-only connection', async () => {
    const c = new HttpConnector({ key: 'helpdesk', url: base, readOnly: true });
    await expect(c.update(location, ['id'], [{ key: { id: 1 }, set: { email: null } }])).rejects.toThrow(
      /read-only/,
    );
    await expect(c.checkWritable()).rejects.toThrow(/helpdesk/);
  });

  it('names the connection when the service is unreachable or fails', async () => {
    const gone = new HttpConnector({ key: 'crm-saas', url: 'http://127.0.0.1:1' });
    await expect(gone.test()).rejects.toThrow(/crm-saas/);
    const broken = new HttpConnector({ key: 'crm-saas', url: `${base}/broken` });
    await expect(broken.test()).rejects.toThrow(/HTTP 404|HTTP 500/);
  });
});
