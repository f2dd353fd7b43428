import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.js';
import { ConnectionRepository } from '../connectors/connection.repository.js';
import { ConnectionService } from '../connectors/connection.service.js';
import { parseDatasetYaml } from '../datasets/dataset.yaml.js';
import { createStores, ecommerceDatasetPath, type Stores } from '../engine/fixtures/stores.js';
import { readExampleFiles } from '../register/examples.test-helpers.js';
import type { Register } from '../register/register.schema.js';
import { registerFromYamlFiles } from '../register/register.yaml.js';
import { certificateHash } from './certificate.js';
import { certifyErasure } from './certificates.service.js';
import type { ErasureCertificate } from './retention.schema.js';

/*
 * A rights-request erasure against the real PostgreSQL, MariaDB and Redis of this machine (the engine's
 * fixtures) leaves a deletion certificate: rows per collection, the method, the verification, the approver,
 * its hash in the audit chain, downloadable as JSON and as a Japanese/English PDF.
 */

const EMAIL = 'customer-1@example.com';
let t: TestApp;
let stores: Stores;
const handler = () => ({ cookie: t.cookies.handler });
const auditor = () => ({ cookie: t.cookies.auditor });

beforeAll(async () => {
  t = await testApp();
  stores = await createStores();
  const base = registerFromYamlFiles(readExampleFiles('hitomiru-hr-cloud'));
  const datasets = parseDatasetYaml(await fs.readFile(ecommerceDatasetPath(), 'utf8'), 'ecommerce.yml');
  const held = base.purposes.find((p) => p.holding === 'held');
  if (!held) throw new Error('example has no held purpose');
  const register: Register = {
    ...base,
    datasets,
    systems: [
      {
        key: 'shop',
        name: { ja: '通販システム' },
        owner: { ja: '営業部' },
        hosting: [{ country: 'JP' }],
        // The MariaDB fixture's NOT NULL foreign keys refuse null_rewrite: PostgreSQL and Redis suffice here.
        datasets: ['shop', 'cache'],
        items: held.items,
      },
    ],
  };
  const actor = { type: 'system', label: 'test' } as const;
  await t.mamori.register.import(actor, register);
  const connections = new ConnectionService(
    t.mamori.database.db,
    new ConnectionRepository(),
    t.mamori.audit,
    t.mamori.secrets,
  );
  for (const [key, spec] of Object.entries(stores.connections)) await connections.save(actor, key, spec);
}, 60_000);

afterAll(async () => {
  await stores?.drop();
  await t?.close();
});

describe('deletion certificate of a rights-request erasure', () => {
  it('an approved erasure request leaves a verified certificate, hash-linked into the audit log', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: handler(),
      payload: { aspects: ['erasure'], subject: { name: '山田 太郎', email: EMAIL }, language: 'ja' },
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    const verified = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/verify-documents`,
      headers: handler(),
      payload: {},
    });
    expect(verified.json()).toMatchObject({ status: 'in_progress' });
    // Before the erasure ran there is no certificate.
    const none = await t.app.inject({
      method: 'GET',
      url: `/api/retention/certificates/${id}`,
      headers: auditor(),
    });
    expect(none.statusCode).toBe(404);
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${id}/approve`,
      headers: handler(),
      payload: { reason: '本人確認済み' },
    });
    expect(approved.statusCode).toBe(200);

    // The person is gone from the stores.
    const pg = await stores.pg.query('SELECT email, name FROM customer WHERE id = 1');
    expect(pg.rows[0]?.email ?? null).not.toBe(EMAIL);

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/retention/certificates/${id}`,
      headers: auditor(),
    });
    expect(res.statusCode).toBe(200);
    const { certificate, sha256 } = res.json() as { certificate: ErasureCertificate; sha256: string };
    expect(certificateHash(certificate)).toBe(sha256);
    expect(certificate).toMatchObject({
      kind: 'mamori.erasure.certificate',
      requestId: id,
      runId: `rights:${id}:erasure`,
      systems: ['shop'],
      ok: true,
    });
    expect(certificate.approvedBy).toBeTruthy();
    expect(certificate.totalRows).toBeGreaterThan(0);
    const customer = certificate.collections.find((c) => c.collection === 'shop:customer');
    expect(customer?.rows).toBe(1);
    expect(customer?.method).toMatch(/masked|deleted/);
    // The verification re-read what was written and found none of the erased values again.
    expect(certificate.verification.ok).toBe(true);
    expect(certificate.verification.writesChecked).toBeGreaterThan(0);
    expect(certificate.verification.writesMismatched).toBe(0);
    expect(certificate.verification.remaining).toEqual([]);

    const events = await t.mamori.database.db
      .selectFrom('audit_events')
      .select(['details', 'object_id'])
      .where('action', '=', 'retention.erasure_certified')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]?.object_id).toBe(id);
    expect(events[0]?.details).toMatchObject({ certificateSha256: sha256 });
    // The chain still verifies with the certificate's event in it.
    const chain = await t.app.inject({ method: 'POST', url: '/api/audit/verify', headers: auditor() });
    expect(chain.json()).toMatchObject({ ok: true });

    // Listed, and the PDF in both languages says what it is.
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/retention/certificates',
      headers: auditor(),
    });
    const listed = (list.json() as { requestId: string; reference: string }[]).find(
      (c) => c.requestId === id,
    );
    expect(listed?.reference).toBe(certificate.reference);
    expect(listed?.reference).toMatch(/^R-[A-Z0-9]{10}$/);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mamori-erasure-cert-'));
    try {
      for (const [lang, title] of [
        ['ja', '個人データ消去証明書'],
        ['en', 'Certificate of erasure of personal data'],
      ] as const) {
        const pdf = await t.app.inject({
          method: 'GET',
          url: `/api/retention/certificates/${id}?format=pdf&lang=${lang}`,
          headers: auditor(),
        });
        expect(pdf.headers['content-type']).toBe('application/pdf');
        const file = path.join(dir, `${lang}.pdf`);
        await fs.writeFile(file, pdf.rawPayload);
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
        expect(text.replace(/\s+/g, '')).toContain(title.replace(/\s+/g, ''));
        expect(text).toContain(sha256);
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }

    // Certifying the same request again (an approval replayed) writes nothing new.
    const again = await t.mamori.database.db.transaction().execute((trx) =>
      certifyErasure(trx, t.mamori.audit, {
        requestId: id,
        reference: certificate.reference,
        runId: certificate.runId,
        systems: ['shop'],
        approver: { type: 'system', label: 'test' },
        at: new Date(),
      }),
    );
    expect(again?.sha256).toBe(sha256);
    const after = await t.mamori.database.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'retention.erasure_certified')
      .execute();
    expect(after).toHaveLength(1);
  }, 120_000);

  it('a run that is not a completed erasure certifies nothing; an unknown id is 404', async () => {
    const none = await t.mamori.database.db.transaction().execute((trx) =>
      certifyErasure(trx, t.mamori.audit, {
        requestId: 'no-such-request',
        reference: 'R-NONE',
        runId: 'rights:no-such-request:erasure',
        systems: [],
        approver: { type: 'system', label: 'test' },
        at: new Date(),
      }),
    );
    expect(none).toBeUndefined();
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/retention/certificates/nope',
      headers: auditor(),
    });
    expect(res.statusCode).toBe(404);
  });
});
