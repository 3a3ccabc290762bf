import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../workers/sim.worker';
import { MAX_AUDIT_KEPT, mergeAudit, type IamState } from './iamStore';

const entry = (seq: number, allowed = false): AuditEntry => ({
  seq,
  time: seq,
  principal: 'p',
  action: 'service:scale',
  resource: 'tenant/acme/service/web',
  tenant: 'acme',
  allowed,
  kind: allowed ? 'role' : 'cross-tenant',
  rule: 'r',
  source: 'console',
});
const empty: IamState = { principal: 'admin', entries: [], dropped: 0, deniedOnly: false, last: null };

describe('mergeAudit', () => {
  it('appends, resets, follows the principal, keeps the same state when nothing changed, and bounds the list', () => {
    const a = mergeAudit(empty, { principal: 'admin', reset: true, entries: [entry(0), entry(1)], dropped: 0 });
    expect(a.entries.map((e) => e.seq)).toEqual([0, 1]);
    const b = mergeAudit({ ...a, last: { ok: false, text: 'denied' } }, { principal: 'admin', reset: false, entries: [entry(2)], dropped: 0 });
    expect(b.entries.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(b.last).toEqual({ ok: false, text: 'denied' });
    expect(mergeAudit(b, { principal: 'admin', reset: false, entries: [], dropped: 0 })).toBe(b);
    const c = mergeAudit(b, { principal: 'vic', reset: false, entries: [], dropped: 0 });
    expect(c.principal).toBe('vic');
    expect(c.last).toBeNull();
    expect(mergeAudit(c, { principal: 'vic', reset: true, entries: [], dropped: 0 }).entries).toEqual([]);
    const many = Array.from({ length: MAX_AUDIT_KEPT + 5 }, (_, i) => entry(i));
    const d = mergeAudit(empty, { principal: 'admin', reset: true, entries: many, dropped: 0 });
    expect(d.entries).toHaveLength(MAX_AUDIT_KEPT);
    expect(d.entries[0]!.seq).toBe(5);
  });
});
