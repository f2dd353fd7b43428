import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roles } from '../accounts/roles.js';
import { getKind } from '../laws/index.js';
import {
  type Action,
  actions,
  availableActions,
  isTerminal,
  RULES,
  TERMINAL,
  transition,
  type Who,
} from './lifecycle.rules.js';
import { feeFor, lawKindsFor, requestDeadlines, requiredDocuments, runKindsFor } from './request.rules.js';
import { type Status, statuses } from './rights.schema.js';
import {
  CODE_TTL_MS,
  checkCode,
  knowledgeMatch,
  MAX_ATTEMPTS,
  mayIssueCode,
  normaliseDate,
} from './verification.rules.js';

const everyone: Who[] = [
  { type: 'subject' },
  { type: 'system' },
  ...roles.map((r): Who => ({ type: 'staff', roles: [r] })),
];

describe('lifecycle: every state × action × actor', () => {
  it('terminal states have no way out, for anyone', () => {
    for (const s of TERMINAL) for (const who of everyone) expect(availableActions(s, who)).toEqual([]);
  });

  it('admins, auditors and engineers can never move a request', () => {
    for (const s of statuses)
      for (const r of ['admin', 'auditor', 'engineer'] as const)
        for (const a of actions) expect(transition(s, a, { type: 'staff', roles: [r] }).ok).toBe(false);
  });

  it('an allowed transition lands exactly where the table says, and the same action from elsewhere is refused as not_from_here', () => {
    let allowed = 0;
    for (const s of statuses)
      for (const a of actions)
        for (const who of everyone) {
          const r = transition(s, a, who);
          if (r.ok) {
            allowed += 1;
            expect(RULES[a].from).toContain(s);
            expect(r.to).toBe(RULES[a].to);
          } else if (!RULES[a].from.includes(s)) expect(r.problem).toBe('not_from_here');
          else expect(r.problem).toBe('not_allowed');
        }
    expect(allowed).toBeGreaterThan(20);
  });

  it('only the job closes unpaid requests, and only from awaiting_fee', () => {
    for (const s of statuses)
      for (const who of everyone) {
        const ok = transition(s, 'close_unpaid', who).ok;
        expect(ok).toBe(s === 'awaiting_fee' && who.type === 'system');
      }
  });

  it('only the privacy officer decides the answer or refuses', () => {
    for (const a of ['complete', 'partially_refuse', 'refuse'] as Action[])
      for (const who of everyone)
        expect(RULES[a].from.some((s) => transition(s, a, who).ok)).toBe(
          who.type === 'staff' && who.roles.includes('privacy_officer'),
        );
  });

  it('every open state can be withdrawn by the person; the person can never approve or decide', () => {
    for (const s of statuses) expect(transition(s, 'withdraw', { type: 'subject' }).ok).toBe(!isTerminal(s));
    for (const a of ['approve', 'fee_paid', 'complete', 'refuse', 'partially_refuse'] as Action[])
      for (const s of statuses) expect(transition(s, a, { type: 'subject' }).ok).toBe(false);
  });

  it('every state is reachable from received, and every open state can reach a terminal one', () => {
    const officer: Who = { type: 'staff', roles: ['privacy_officer', 'handler'] };
    const movers = [officer, { type: 'system' } as Who, { type: 'subject' } as Who];
    const next = (s: Status) =>
      actions.flatMap((a) => movers.map((w) => transition(s, a, w))).flatMap((r) => (r.ok ? [r.to] : []));
    const seen = new Set<Status>(['received']);
    const queue: Status[] = ['received'];
    while (queue.length)
      for (const n of next(queue.shift() as Status))
        if (!seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
    expect([...seen].sort()).toEqual([...statuses].sort());
    for (const s of statuses.filter((x) => !isTerminal(x))) expect(next(s).some(isTerminal)).toBe(true);
  });

  it('a random walk never leaves a terminal state', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...actions), fc.constantFrom(...everyone)), { maxLength: 30 }),
        (steps) => {
          let s: Status = 'received';
          for (const [a, who] of steps) {
            const r = transition(s, a, who);
            if (isTerminal(s)) expect(r.ok).toBe(false);
            if (r.ok) s = r.to;
          }
        },
      ),
    );
  });
});

describe('laws and kinds', () => {
  it('APPI always applies; an EEA resident adds the GDPR; kinds map through the law tables', () => {
    expect(lawKindsFor(['access'], { declared: [] })).toEqual({ laws: ['appi'], kinds: ['appi.disclosure'] });
    const eu = lawKindsFor(['access', 'erasure'], { residence: { country: 'DE' }, declared: [] });
    expect(eu.laws).toEqual(['appi', 'gdpr']);
    expect(eu.kinds).toEqual(['appi.disclosure', 'appi.stop_use', 'gdpr.access', 'gdpr.erasure']);
    expect(
      lawKindsFor(['access'], { residence: { country: 'US', region: 'CA' }, declared: [] }).kinds,
    ).toContain('ccpa.know');
  });

  it('the strictest deadline governs: GDPR one month vs APPI 14-day target', () => {
    const received = new Date('2026-04-01T01:00:00Z');
    const d = requestDeadlines(['appi.disclosure', 'gdpr.access'], received);
    const each = d.perKind.map((x) => x.effectiveDueBy).sort();
    expect(d.dueBy).toBe(each[0]);
    expect(d.governedBy).toBe('appi.disclosure');
  });

  it('fees: only kinds the law lets be charged AND the register prices (APPI Art. 38)', () => {
    const fees = [
      {
        amount: 1000,
        currency: 'JPY' as const,
        appliesTo: ['notify-purpose' as const, 'disclose' as const],
        chargedWhenRefused: true,
        paymentDeadline: { days: 10, text: { ja: '10日' } },
      },
    ];
    expect(feeFor(['appi.disclosure'], { fees })).toEqual({
      amount: 1000,
      currency: 'JPY',
      paymentDays: 10,
      kinds: ['appi.disclosure'],
    });
    // One fee row is charged once per request even when it covers two kinds.
    expect(feeFor(['appi.purpose_notice', 'appi.disclosure'], { fees })?.amount).toBe(1000);
    expect(feeFor(['appi.correction', 'appi.stop_use'], { fees })).toBeNull();
    // GDPR access is free (conditional fees are never charged automatically).
    expect(feeFor(['gdpr.access'], { fees })).toBeNull();
    expect(feeFor(['appi.disclosure'], { fees: [] })).toBeNull();
    for (const k of ['appi.correction', 'appi.stop_use', 'appi.stop_provision'])
      expect(getKind(k).kind.fee.mayCharge).not.toBe('yes');
  });

  it('agent documents come from the register, else from the law table', () => {
    const identity = {
      selfDocuments: [{ ja: '本人確認書類' }],
      agents: [{ kind: 'parent' as const, documents: [{ ja: '戸籍謄本', en: 'Family register' }] }],
    };
    expect(requiredDocuments({ identity }, 'parent', ['appi.disclosure'], 'ja')).toEqual(['戸籍謄本']);
    expect(requiredDocuments({ identity }, undefined, ['appi.disclosure'], 'ja')).toEqual(['本人確認書類']);
    const ccpa = requiredDocuments({ identity }, 'authorized_agent', ['ccpa.know'], 'en');
    expect(ccpa.length).toBeGreaterThan(1);
    expect(ccpa[0]).toBe('本人確認書類');
  });

  it('run kinds: erasure supersedes restriction', () => {
    expect(runKindsFor(['access', 'erasure', 'restriction'])).toEqual(['access', 'erasure']);
    expect(runKindsFor(['purpose_notice'])).toEqual([]);
  });
});

describe('verification', () => {
  const now = new Date('2026-05-01T00:00:00Z');
  const fresh = { expiresAt: new Date(now.getTime() + CODE_TTL_MS), attempts: 0, usedAt: null };
  it('one-time codes are single-use, expiring and attempt-limited, whatever the digits', () => {
    expect(checkCode(fresh, true, now)).toBe('ok');
    expect(checkCode(fresh, false, now)).toBe('wrong');
    expect(checkCode({ ...fresh, usedAt: now }, true, now)).toBe('used');
    expect(checkCode({ ...fresh, attempts: MAX_ATTEMPTS }, true, now)).toBe('locked');
    expect(checkCode(fresh, true, fresh.expiresAt)).toBe('expired');
    expect(checkCode(undefined, true, now)).toBe('wrong');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.boolean(),
        fc.integer({ min: -1e6, max: 1e6 }),
        (attempts, match, offset) => {
          const r = checkCode({ ...fresh, attempts }, match, new Date(fresh.expiresAt.getTime() + offset));
          expect(r === 'ok').toBe(match && attempts < MAX_ATTEMPTS && offset < 0);
        },
      ),
    );
  });

  it('codes per hour are limited', () => {
    expect(mayIssueCode(0)).toBe(true);
    expect(mayIssueCode(3)).toBe(false);
  });

  it('knowledge match normalises phones and dates and needs every given item to match', () => {
    const held = ['080-2222-3333', '1990/4/1', 'someone@example.com', 5];
    expect(knowledgeMatch({ phone: '08022223333', birthDate: '1990-04-01' }, held, 2)).toEqual({
      ok: true,
      matched: ['phone', 'birthDate'],
      missing: [],
    });
    expect(knowledgeMatch({ phone: '+81 80 2222 3333' }, held, 1).ok).toBe(true);
    expect(knowledgeMatch({ phone: '+81 80 2222 3333' }, held, 2).ok).toBe(false);
    expect(knowledgeMatch({ phone: '080-2222-3333', birthDate: '1991-04-01' }, held, 1)).toMatchObject({
      ok: false,
      missing: ['birthDate'],
    });
    expect(knowledgeMatch({}, held, 1).ok).toBe(false);
    expect(normaliseDate('1990年4月1日')).toBe('1990-04-01');
  });
});
