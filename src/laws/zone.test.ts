import { describe, expect, it } from 'vitest';
import { deadlineExpiry, InvalidTimeZoneError, isPastDeadline, localDateOf, startOfDay } from './zone.js';

describe('instants to calendar dates', () => {
  it('reads the day of receipt in Tokyo, not UTC', () => {
    expect(localDateOf(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
    expect(localDateOf(new Date('2026-03-31T14:59:59.999Z'))).toBe('2026-03-31');
    expect(localDateOf(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04-01');
    expect(localDateOf(new Date('2026-03-31T16:00:00Z'), 'UTC')).toBe('2026-03-31');
  });

  it('handles zones with daylight saving time', () => {
    // 2026-03-08 is the US spring-forward day; 07:59Z is still 23:59 PST on the 7th.
    expect(localDateOf(new Date('2026-03-08T07:59:00Z'), 'America/Los_Angeles')).toBe('2026-03-07');
    expect(localDateOf(new Date('2026-03-09T07:00:00Z'), 'America/Los_Angeles')).toBe('2026-03-09');
    expect(startOfDay('2026-03-08', 'America/Los_Angeles').toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(startOfDay('2026-03-09', 'America/Los_Angeles').toISOString()).toBe('2026-03-09T07:00:00.000Z');
    expect(startOfDay('2026-11-01', 'America/Los_Angeles').toISOString()).toBe('2026-11-01T07:00:00.000Z');
  });

  it('finds the first instant of a day whose midnight does not exist', () => {
    // Chile moves clocks from 24:00 to 01:00 on the first Sunday of September (2026-09-06).
    const start = startOfDay('2026-09-06', 'America/Santiago');
    expect(localDateOf(start, 'America/Santiago')).toBe('2026-09-06');
    expect(localDateOf(new Date(start.getTime() - 1), 'America/Santiago')).toBe('2026-09-05');
  });

  it('expires a deadline at the start of the next day in its zone', () => {
    expect(startOfDay('2026-04-15').toISOString()).toBe('2026-04-14T15:00:00.000Z');
    expect(deadlineExpiry('2026-04-15').toISOString()).toBe('2026-04-15T15:00:00.000Z');
    expect(isPastDeadline('2026-04-15', new Date('2026-04-15T14:59:59.999Z'))).toBe(false);
    expect(isPastDeadline('2026-04-15', new Date('2026-04-15T15:00:00.000Z'))).toBe(true);
  });

  it('refuses unknown zones and invalid instants', () => {
    expect(() => localDateOf(new Date(), 'Mars/Olympus_Mons')).toThrow(InvalidTimeZoneError);
    expect(() => localDateOf(new Date('nope'))).toThrow(RangeError);
  });
});
