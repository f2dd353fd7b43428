import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { pickEncoding, sendAsset, staticAsset } from './static-asset.js';

describe('static assets for other sites', () => {
  it('picks the coding the browser accepts with the highest q, brotli first on a tie', () => {
    expect(pickEncoding(undefined)).toBe('identity');
    expect(pickEncoding('')).toBe('identity');
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('gzip, deflate')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('gzip;q=0.5, br;q=0.4')).toBe('gzip');
    expect(pickEncoding('GZIP; Q=0.2')).toBe('gzip');
    expect(pickEncoding('identity')).toBe('identity');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*;q=0')).toBe('identity');
    expect(pickEncoding('*, br;q=0')).toBe('gzip');
    expect(pickEncoding('x-gzip')).toBe('gzip');
  });

  it('never sends a coding the header refuses with q=0, and only codings the header allows', () => {
    const coding = fc.constantFrom('br', 'gzip', 'deflate', 'identity', '*', 'zstd');
    const q = fc.option(fc.constantFrom('0', '0.0', '0.3', '1', '0.999'), { nil: undefined });
    fc.assert(
      fc.property(fc.array(fc.tuple(coding, q), { maxLength: 6 }), (parts) => {
        const header = parts.map(([c, w]) => (w === undefined ? c : `${c};q=${w}`)).join(', ');
        const picked = pickEncoding(header);
        if (picked === 'identity') return;
        const own = parts.filter(([c]) => c === picked);
        const star = parts.filter(([c]) => c === '*');
        const weight = (w: string | undefined) => (w === undefined ? 1 : Number(w));
        const allowed = own.length
          ? weight(own.at(-1)?.[1]) > 0
          : star.length > 0 && weight(star.at(-1)?.[1]) > 0;
        expect(allowed, header).toBe(true);
      }),
    );
  });

  it('compresses once to bodies that decode to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        const asset = staticAsset(text);
        expect(gunzipSync(asset.gzip).toString('utf8')).toBe(asset.identity.toString('utf8'));
        expect(brotliDecompressSync(asset.br).equals(asset.identity)).toBe(true);
        expect(asset.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      }),
      { numRuns: 50 },
    );
    const script = staticAsset('window.x = 1;'.repeat(2000));
    expect(script.br.length).toBeLessThan(script.identity.length / 20);
  });

  it('serves the encoding asked for, varies on it, and answers 304 to a browser holding the version', async () => {
    const asset = staticAsset('console.log("banner");'.repeat(200));
    const app = Fastify();
    app.get('/a.js', (request, reply) =>
      sendAsset(request, reply, asset, 'application/javascript; charset=utf-8'),
    );
    try {
      const br = await app.inject({ url: '/a.js', headers: { 'accept-encoding': 'gzip, br' } });
      expect(br.statusCode).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.vary).toBe('accept-encoding');
      expect(brotliDecompressSync(br.rawPayload).equals(asset.identity)).toBe(true);
      const plain = await app.inject({ url: '/a.js' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.rawPayload.equals(asset.identity)).toBe(true);
      expect(plain.headers['content-type']).toBe('application/javascript; charset=utf-8');
      const again = await app.inject({ url: '/a.js', headers: { 'if-none-match': `W/${asset.etag}` } });
      expect(again.statusCode).toBe(304);
      expect(again.rawPayload.length).toBe(0);
      const other = await app.inject({ url: '/a.js', headers: { 'if-none-match': '"old"' } });
      expect(other.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
