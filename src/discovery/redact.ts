import { createHmac } from 'node:crypto';
import type { Finding, RedactMode } from './finding.schema.js';

export interface RedactOptions {
  mode: RedactMode;
  /**
   * HMAC key for `hash` mode. A plain hash of a My Number or a phone number is reversible by enumerating the
   * ~10^11 candidates, so hash tokens are keyed; the same key gives the same token for the same value, which lets
   * a reader see that two redacted places hold one value without learning it.
   */
  hashKey?: string;
}

function replacement(f: Finding, opts: RedactOptions): string {
  switch (opts.mode) {
    case 'mask':
      // One mask character per code point keeps the layout of fixed-width records and forms.
      return '*'.repeat([...f.text].length);
    case 'tag':
      return `[${f.type}]`;
    case 'hash': {
      if (opts.hashKey === undefined || opts.hashKey.length === 0)
        throw new Error('hash redaction needs a key');
      const digest = createHmac('sha256', opts.hashKey)
        .update(`${f.type}\u0000${f.text.normalize('NFKC')}`)
        .digest('hex');
      return `[${f.type}:${digest.slice(0, 12)}]`;
    }
  }
}

/** The text with every finding replaced; findings must not overlap (resolveFindings guarantees it). */
export function redactText(text: string, findings: readonly Finding[], opts: RedactOptions): string {
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const f of sorted) {
    if (f.start < cursor) throw new Error('findings overlap');
    out += text.slice(cursor, f.start) + replacement(f, opts);
    cursor = f.end;
  }
  return out + text.slice(cursor);
}
