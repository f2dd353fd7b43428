import { hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';

/** The instance's master key and the purpose-bound keys derived from it (HKDF-SHA256, RFC 5869). */
export class KeyRing {
  private constructor(private readonly master: Buffer) {}

  static fromBytes(master: Buffer): KeyRing {
    if (master.length !== 32) throw new UserError('The secret key must be exactly 32 bytes.');
    return new KeyRing(Buffer.from(master));
  }

  /** A separate key per purpose, so that one use can never be turned against another. */
  derive(purpose: 'secrets' | 'audit-head' | 'pseudonyms'): Buffer {
    return Buffer.from(hkdfSync('sha256', this.master, Buffer.alloc(0), `mamori:${purpose}`, 32));
  }
}

/** Accepts 32 random bytes written as base64 (44 characters) or hex (64 characters). */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  const b64 = Buffer.from(trimmed, 'base64');
  if (b64.length === 32 && /^[A-Za-z0-9+/]{43}=?$/.test(trimmed)) return b64;
  throw new UserError(
    'MAMORI_SECRET_KEY must be 32 random bytes in base64 or hex (for example: openssl rand -base64 32).',
  );
}

/**
 * The key comes from MAMORI_SECRET_KEY when set; otherwise from `secret.key` in the data directory, created
 * on first start with mode 0600. Several servers sharing one PostgreSQL must all be given the same key.
 */
export async function loadKeyRing(envKey: string | undefined, dataDir: string): Promise<KeyRing> {
  if (envKey) return KeyRing.fromBytes(parseSecretKey(envKey));
  const file = path.join(dataDir, 'secret.key');
  try {
    return KeyRing.fromBytes(parseSecretKey(await fs.readFile(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.mkdir(dataDir, { recursive: true });
  const fresh = randomBytes(32);
  try {
    // 'wx': if another process created it a moment ago, use theirs rather than overwrite it.
    await fs.writeFile(file, `${fresh.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return KeyRing.fromBytes(fresh);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return KeyRing.fromBytes(parseSecretKey(await fs.readFile(file, 'utf8')));
  }
}
