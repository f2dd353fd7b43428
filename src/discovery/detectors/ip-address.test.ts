import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize.js';
import { detectIpAddresses } from './ip-address.js';

const find = (t: string) =>
  detectIpAddresses(normalizeText(t)).map((c) => [t.slice(c.start, c.end), c.score] as const);

describe('detectIpAddresses', () => {
  it('finds IPv4 and IPv6 forms', () => {
    expect(find('接続元 192.168.0.1 から').map((f) => f[0])).toEqual(['192.168.0.1']);
    expect(find('IP:10.0.0.1').map((f) => f[0])).toEqual(['10.0.0.1']);
    expect(find('IPアドレス：2001:db8::1').map((f) => f[0])).toEqual(['2001:db8::1']);
    for (const v6 of [
      '2001:db8::1',
      '::1',
      'fe80::1ff:fe23:4567:890a',
      '2001:0db8:0000:0000:0000:ff00:0042:8329',
      '::ffff:192.0.2.128',
    ])
      expect(
        find(`src ${v6} ok`).map((f) => f[0]),
        v6,
      ).toEqual([v6]);
  });

  it('rejects out-of-range quads, times, MAC addresses and longer dotted runs', () => {
    for (const t of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '12:30:45', '00:1A:2B:3C:4D:5E', '01.02.03.04'])
      expect(find(`値 ${t}`), t).toEqual([]);
  });

  it('sinks version numbers', () => {
    expect(find('バージョン 1.2.3.4')[0]![1]).toBeLessThan(0.2);
    expect(find('version 10.0.0.1')[0]![1]).toBeLessThan(0.2);
  });
});
