import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { KeyRing } from './keys.js';

const VERSION = 1;

/**
 * SecretBox for files (identity documents): AES-256-GCM over bytes, the context bound as associated data,
 * stored as `version ‖ iv ‖ tag ‖ ciphertext` without base64 (a 10 MB scan stays 10 MB). Its key is derived
 * from the instance's `secrets` key for this one use, so a file ciphertext never opens as a secret string.
 */
export class ByteBox {
  private readonly key: Buffer;

  constructor(keys: KeyRing) {
    this.key = Buffer.from(hkdfSync('sha256', keys.derive('secrets'), Buffer.alloc(0), 'mamori-files', 32));
  }

  seal(plain: Uint8Array, context: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Uint8Array, context: string): Buffer {
    const raw = Buffer.from(sealed);
    if (raw.length < 29 || raw[0] !== VERSION) throw new Error('Unknown or truncated file format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(1, 13));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(raw.subarray(13, 29));
    return Buffer.concat([decipher.update(raw.subarray(29)), decipher.final()]);
  }
}
