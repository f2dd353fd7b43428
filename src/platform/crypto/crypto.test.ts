import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyRing, loadKeyRing, parseSecretKey } from './keys.js';
import { SecretBox } from './secret-box.js';
import { hashToken, newToken } from './tokens.js';

const ring = KeyRing.fromBytes(Buffer.alloc(32, 7));

describe('SecretBox', () => {
  const box = new SecretBox(ring);

  it('round-trips any text and never stores it in the clear', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), (secret, context) => {
        const sealed = box.seal(secret, context);
        expect(sealed.includes(secret) && secret.length > 3).toBe(false);
        expect(box.open(sealed, context)).toBe(secret);
      }),
    );
  });

  it('refuses a ciphertext moved to another context, tampered with, or sealed under another key', () => {
    const sealed = box.seal('db-password', 'connector:a');
    expect(() => box.open(sealed, 'connector:b')).toThrow();
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => box.open(`v1:${raw.toString('base64')}`, 'connector:a')).toThrow();
    const other = new SecretBox(KeyRing.fromBytes(Buffer.alloc(32, 8)));
    expect(() => other.open(sealed, 'connector:a')).toThrow();
  });

  it('uses a fresh nonce each time', () => {
    expect(box.seal('x', 'c')).not.toBe(box.seal('x', 'c'));
  });
});

describe('keys', () => {
  it('accepts 32 bytes in base64 or hex and rejects anything else with a sentence', () => {
    const bytes = Buffer.alloc(32, 1);
    expect(parseSecretKey(bytes.toString('base64'))).toEqual(bytes);
    expect(parseSecretKey(bytes.toString('hex'))).toEqual(bytes);
    expect(() => parseSecretKey('password123')).toThrow(/32 random bytes/);
    expect(() => parseSecretKey(Buffer.alloc(16).toString('base64'))).toThrow(/32 random bytes/);
  });

  it('derives different keys per purpose', () => {
    expect(ring.derive('secrets')).not.toEqual(ring.derive('audit-head'));
  });

  it('creates a key file once with owner-only permissions and reuses it', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mamori-key-'));
    const first = await loadKeyRing(undefined, dir);
    const second = await loadKeyRing(undefined, dir);
    expect(first.derive('secrets')).toEqual(second.derive('secrets'));
    const stat = await fs.stat(path.join(dir, 'secret.key'));
    expect(stat.mode & 0o777).toBe(0o600);
  });
});

describe('tokens', () => {
  it('are unique, prefixed, and hashed deterministically', () => {
    const a = newToken('mmr');
    expect(a.startsWith('mmr_')).toBe(true);
    expect(a).not.toBe(newToken('mmr'));
    expect(hashToken(a)).toBe(hashToken(a));
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});
