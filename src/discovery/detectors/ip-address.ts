import { isIPv4, isIPv6 } from 'node:net';
import { scoreWithContext } from '../context.js';
import type { Candidate } from '../finding.schema.js';
import type { NormalizedText } from '../normalize.js';
import { anchoredMatches } from './patterns.js';

/**
 * IP addresses (個人関連情報 under APPI Art. 2(7) when tied to a person): IPv4 dotted quads of 0–255 without
 * leading zeros (RFC 791 / inet_pton strictness) and IPv6 in RFC 4291 §2.2 / RFC 5952 text forms, including
 * "::" compression and an embedded IPv4 tail. Validation is node:net's, which implements the same RFCs.
 * Version strings ("バージョン 1.2.3.4") share the shape; their label sinks the score.
 */
const V4 = /(?<![0-9A-Za-z.]|:[0-9A-Fa-f]{0,4}:)[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?![0-9]|\.[0-9])/g;
const V6 =
  /(?<![0-9A-Za-z:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9A-Fa-f]{1,4})?(?![0-9A-Za-z:]|\.[0-9])/g;

// Every IPv6 match has a colon within its first five units; IPv4 matches a dot within the first four.
const v6Matches = (text: string) => anchoredMatches(text, V6, /:/, (a) => [a - 4, a]);
const v4Matches = (text: string) => anchoredMatches(text, V4, /\./, (a) => [a - 3, a - 1]);

export function detectIpAddresses(doc: NormalizedText): Candidate[] {
  const out: Candidate[] = [];
  for (const [matches, valid, version, base] of [
    [v4Matches, isIPv4, 'IPv4', 0.8],
    [v6Matches, isIPv6, 'IPv6', 0.9],
  ] as const) {
    for (const m of matches(doc.text)) {
      // "IPアドレス：2001:db8::1" normalises to "…:2001:db8::1": the label's colon is not part of the address.
      const lead = m[0].startsWith(':') && !m[0].startsWith('::') ? 1 : 0;
      const value = m[0].slice(lead);
      if (!valid(value)) continue;
      const start = m.index + lead;
      const end = start + value.length;
      const ctx = scoreWithContext('IP_ADDRESS', doc.text, start, end, {
        base,
        own: 0.97,
        other: 0.5,
        negative: 0.1,
      });
      out.push({
        type: 'IP_ADDRESS',
        start,
        end,
        score: ctx.score,
        explanation: `valid ${version}; ${ctx.explanation}`,
      });
    }
  }
  return out;
}
