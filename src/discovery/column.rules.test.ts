import { describe, expect, it } from 'vitest';
import { classifyColumn, columnNameHints } from './column.rules.js';
import { scanTextRegex } from './scan.js';

const scan = (t: string) => scanTextRegex(t);

describe('columnNameHints', () => {
  it('reads English, snake/camel case and Japanese column names', () => {
    expect(columnNameHints('email_address')).toContain('EMAIL');
    expect(columnNameHints('telNo')).toContain('PHONE');
    expect(columnNameHints('my_number')).toContain('MY_NUMBER');
    expect(columnNameHints('生年月日')).toContain('DATE_OF_BIRTH');
    expect(columnNameHints('氏名')).toContain('PERSON');
    expect(columnNameHints('quantity')).toEqual([]);
  });
});

describe('classifyColumn', () => {
  it('proposes my-number data for a my_number column of bare valid numbers', () => {
    const c = classifyColumn({ name: 'my_number', values: ['123456789018', '000000000000', null, ''] }, scan);
    expect(c).toMatchObject({
      type: 'MY_NUMBER',
      dataCategory: 'user.government_id.national_identification_number',
      appiClass: 'my-number',
      nameHint: true,
      contentShare: 1,
    });
    expect(c.confidence).toBeGreaterThan(0.9);
  });

  it('finds personal data in a column whose name says nothing', () => {
    const c = classifyColumn(
      { name: 'col7', values: ['a@example.jp', 'b@example.com', 'c@example.org', 'n/a'] },
      scan,
    );
    expect(c).toMatchObject({
      type: 'EMAIL',
      dataCategory: 'user.contact.email',
      appiClass: 'personal',
      nameHint: false,
    });
    expect(c.contentShare).toBe(0.75);
  });

  it('classifies IP addresses as related information', () => {
    expect(classifyColumn({ name: 'remote_addr', values: ['192.0.2.1', '2001:db8::1'] }, scan)).toMatchObject(
      {
        type: 'IP_ADDRESS',
        appiClass: 'related',
      },
    );
  });

  it('gives a name hint the content contradicts only a weak confidence', () => {
    const c = classifyColumn({ name: 'phone', values: ['abc', 'def', 'ghi'] }, scan);
    expect(c.type).toBe('PHONE');
    expect(c.confidence).toBeLessThan(0.5);
  });

  it('reports nothing for non-personal columns', () => {
    const c = classifyColumn({ name: 'quantity', values: ['1', '2', '30'] }, scan);
    expect(c).toMatchObject({ type: undefined, appiClass: 'none', confidence: 0 });
  });

  it('does not call a column of order numbers My Numbers', () => {
    const c = classifyColumn({ name: 'order_no', values: ['123456789018', '234567890120'] }, scan);
    expect(c.type).not.toBe('MY_NUMBER');
  });
});
