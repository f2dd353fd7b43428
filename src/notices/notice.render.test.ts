import { describe, expect, it } from 'vitest';
import { cleanRegister } from '../register/lint/lint.test-helpers.js';
import type { Register } from '../register/register.schema.js';
import { buildNotice } from './notice.build.js';
import { escapeHtml } from './notice.html.js';
import { escapeMarkdown } from './notice.markdown.js';
import { renderNotice } from './notice.render.js';

function withChange(change: (r: Register) => void): Register {
  const r = cleanRegister();
  change(r);
  return r;
}

const HOSTILE = '<script>alert("x")</script> & [link](javascript:alert(1)) | *bold* # _x_';

describe('notice escaping', () => {
  const register = withChange((r) => {
    r.purposes[0]!.description = { ja: HOSTILE, en: HOSTILE };
    r.organisation.manager.contact.formUrl = 'https://example.jp/form?a=1&b=<2>';
    r.statements.push({
      key: 'x',
      title: { ja: '- 1. list?' },
      body: { ja: '1. not a list\n- nor this\n# nor a heading' },
    });
  });

  it('escapes every register value in HTML', () => {
    const html = renderNotice(register, { lang: 'ja', format: 'html' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38;');
    expect(html).toContain('href="https://example.jp/form?a=1&#38;b=&#60;2&#62;"');
    expect(html).not.toMatch(/href="javascript:/);
  });

  it('escapes Markdown syntax in register values', () => {
    const md = renderNotice(register, { lang: 'ja', format: 'md' });
    expect(md).toContain(
      '\\<script\\>alert("x")\\</script\\> \\& \\[link\\](javascript:alert(1)) \\| \\*bold\\* \\# \\_x\\_',
    );
    expect(md).toContain('1\\. not a list  \n\\- nor this  \n\\# nor a heading');
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
  });

  it('links only http(s) and mailto URLs', () => {
    const unsafe = withChange((r) => {
      r.organisation.manager.contact.formUrl = 'javascript:alert(1)' as never;
    });
    expect(renderNotice(unsafe, { lang: 'en', format: 'html' })).not.toContain('href="javascript');
    expect(renderNotice(unsafe, { lang: 'en', format: 'md' })).not.toContain('](javascript');
  });

  it('escape helpers cover the special characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&#38;&#60;&#62;&#34;&#39;');
    expect(escapeMarkdown('a*b_c|d')).toBe('a\\*b\\_c\\|d');
    expect(escapeMarkdown('1. x', true)).toBe('1\\. x');
    expect(escapeMarkdown('1. x')).toBe('1. x');
  });
});

describe('notice structure', () => {
  it('is deterministic', () => {
    const r = cleanRegister();
    expect(renderNotice(r, { lang: 'en', format: 'md' })).toBe(
      renderNotice(cleanRegister(), { lang: 'en', format: 'md' }),
    );
  });

  it('has the core sections, and law annexes only when declared', () => {
    const ids = (r: Register) => buildNotice(r, 'ja').sections.map((s) => s.id);
    expect(ids(cleanRegister())).toEqual([
      'operator',
      'purposes',
      'provision',
      'processors',
      'retention',
      'safeguards',
      'rights',
      'contact',
    ]);
    const withAnnexes = withChange((r) => {
      r.annexes = {
        gdpr: { scope: { ja: 'EEA' }, consentWithdrawal: true, transferNotes: [] },
        ccpa: {
          lookbackMonths: 12,
          disclosedTo: [],
          sells: false,
          shares: false,
          sensitiveUses: [],
          retentionCriteria: [],
          deletionExceptions: [],
          authorisedAgents: true,
        },
        pipl: { scope: { ja: '中国' }, collectedItems: [], purposes: [], crossBorderWithConsentOnly: true },
      };
    });
    expect(ids(withAnnexes).slice(-3)).toEqual(['annex-gdpr', 'annex-ccpa', 'annex-pipl']);
  });

  it('falls back to Japanese where English is missing', () => {
    const md = renderNotice(cleanRegister(), { lang: 'en', format: 'md' });
    expect(md).toContain('# 株式会社テスト Privacy Notice'.replace('株式会社テスト', 'Test K.K.'));
    expect(md).toContain('サポートのため');
  });

  it('marks entrusted subject types as not held personal data', () => {
    const r = withChange((r) => {
      r.purposes[0]!.holding = 'entrusted';
    });
    expect(renderNotice(r, { lang: 'ja', format: 'md' })).toContain('当社の保有個人データではありません');
    expect(renderNotice(r, { lang: 'en', format: 'md' })).toContain('it is not held personal data of ours');
  });

  it('renders the CCPA categories from the data items', () => {
    const r = withChange((r) => {
      r.annexes.ccpa = {
        lookbackMonths: 12,
        disclosedTo: [],
        sells: false,
        shares: false,
        sensitiveUses: [],
        retentionCriteria: [],
        deletionExceptions: [],
        authorisedAgents: false,
      };
    });
    const md = renderNotice(r, { lang: 'en', format: 'md' });
    expect(md).toContain('| Identifiers | 氏名, メールアドレス |');
    expect(md).toContain('| Customer records (§1798.80(e)) | 氏名 |');
    expect(md).toContain('We have not sold or shared personal information in the past 12 months');
  });

  it('states a fee only when the register has one', () => {
    expect(renderNotice(cleanRegister(), { lang: 'ja', format: 'md' })).toContain('1件につき1,000円の手数料');
    const free = withChange((r) => {
      r.rights.fees = [];
    });
    expect(renderNotice(free, { lang: 'en', format: 'md' })).toContain('There is no fee.');
  });
});
