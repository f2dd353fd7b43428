import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactQuoted } from './logger.js';

describe('logs', () => {
  it('drop the values drivers quote in their messages', () => {
    expect(redactQuoted('invalid input syntax for type uuid: "taro@example.jp"')).toBe(
      'invalid input syntax for type uuid: "…"',
    );
    expect(redactQuoted("Duplicate entry '090-1234-5678' for key 'phone'")).toBe(
      "Duplicate entry '…' for key '…'",
    );
    expect(redactQuoted('Key (email)=(hanako@example.jp) already exists.')).toBe(
      'Key (…)=(…) already exists.',
    );
  });

  it('serialise errors without their detail fields or quoted values, and redact secrets', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('info', sink);
    const error = Object.assign(new Error('duplicate key value violates unique constraint "users_email"'), {
      code: '23505',
      detail: 'Key (email)=(hanako@example.jp) already exists.',
    });
    logger.error({ err: error, password: 'hunter2-hunter2' }, 'failed');
    const text = lines.join('');
    expect(text).toContain('23505');
    expect(text).not.toContain('hanako@example.jp');
    expect(text).not.toContain('users_email');
    expect(text).not.toContain('hunter2');
  });
});
