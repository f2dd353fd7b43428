import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from './finding.schema.js';
import { redactText } from './redact.js';
import { scanTextRegex } from './scan.js';

const text = '電話 090-1234-5678、メール taro@example.jp、電話 090-1234-5678';

describe('redactText', () => {
  const findings = scanTextRegex(text);

  it('masks each code point, keeping length and layout', () => {
    const out = redactText(text, findings, { mode: 'mask' });
    expect(out).toBe('電話 *************、メール ***************、電話 *************');
    expect(out.length).toBe(text.length);
  });

  it('tags with the type name', () => {
    expect(redactText(text, findings, { mode: 'tag' })).toBe('電話 [PHONE]、メール [EMAIL]、電話 [PHONE]');
  });

  it('hashes with a key: equal values give equal tokens, other keys other tokens, no value leaks', () => {
    const a = redactText(text, findings, { mode: 'hash', hashKey: 'k1' });
    const tokens = a.match(/\[PHONE:[0-9a-f]{12}\]/g)!;
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toBe(tokens[1]);
    expect(a).not.toContain('5678');
    expect(redactText(text, findings, { mode: 'hash', hashKey: 'k2' })).not.toBe(a);
    expect(() => redactText(text, findings, { mode: 'hash' })).toThrow();
  });

  it('leaves text without findings unchanged and refuses overlapping findings', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(redactText(s, [], { mode: 'tag' })).toBe(s);
      }),
    );
    const f: Finding = { type: 'EMAIL', start: 0, end: 5, text: 'abcde', score: 1, explanation: '' };
    expect(() => redactText('abcdefgh', [f, { ...f, start: 3, end: 7 }], { mode: 'tag' })).toThrow();
  });
});
