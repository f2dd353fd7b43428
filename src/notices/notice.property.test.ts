import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintRegister } from '../register/register.rules.js';
import { registerArb } from '../register/register.test-helpers.js';
import { diffNotices } from './notice.diff.js';
import { renderNotice } from './notice.render.js';

describe('any register', () => {
  it('renders in both languages and formats without letting markup through', () => {
    fc.assert(
      fc.property(registerArb, (register) => {
        for (const lang of ['ja', 'en'] as const) {
          const html = renderNotice(register, { lang, format: 'html' });
          expect(html).not.toContain('<b>');
          expect(html.startsWith('<!doctype html>')).toBe(true);
          const md = renderNotice(register, { lang, format: 'md' });
          expect(md).not.toMatch(/(?<!\\)<b>/);
          expect(diffNotices(md, md).changed).toBe(false);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('lints to well-formed findings', () => {
    fc.assert(
      fc.property(registerArb, (register) => {
        for (const f of lintRegister(register)) {
          expect(['error', 'warning', 'info']).toContain(f.severity);
          expect(f.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
          expect(f.message.ja && f.message.en && f.hint.ja && f.hint.en).toBeTruthy();
        }
      }),
      { numRuns: 40 },
    );
  });
});
