import { describe, expect, it } from 'vitest';
import { PRESETS } from '../core/index';
import { SimService } from './service';
import { decodeScenarioLink } from '../core/index';
import { billForService, rerunForService } from './billing';

const HEADER = 'tenant,group,category,resource,pricing,quantity,unit,cost_usd';

function service(): SimService {
  return new SimService({ setTimer: () => 0, clearTimer: () => undefined, clock: () => 0 });
}

describe('billForService', () => {
  it('bills the hybrid-dc run so far and at the end, with CSV for the bill and each tenant', () => {
    const s = service();
    expect(billForService(s)).toEqual({ ok: false, error: 'no scenario is loaded', code: 'no-scenario' });
    expect(s.load({ preset: 'hybrid-dc' })).toMatchObject({ ok: true });
    // Run for a while: until the batch VMs (at 10 min) are running.
    while (s.step() && s.results().simulatedTime < 900) {
      /* one event at a time */
    }
    const early = billForService(s);
    if (!early.ok) throw new Error(early.error);
    expect(early.summary.to).toBeGreaterThanOrEqual(900);
    expect(early.summary.to).toBeLessThan(7200);
    expect(early.summary.total).toBeGreaterThan(0);

    const results = s.runToEnd();
    const r = billForService(s);
    if (!r.ok) throw new Error(r.error);
    expect(r.summary.to).toBe(results.simulatedTime);
    expect(r.summary.total).toBeGreaterThan(early.summary.total);
    expect(r.summary.total).toBeCloseTo(results.billing!.total, 9);
    const tenants = r.summary.tenants.map((t) => t.tenant).sort();
    expect(tenants).toEqual(expect.arrayContaining(['acme', 'shared']));
    // Tenant totals add up to the bill (idle shared out).
    const sum = r.summary.tenants.reduce((a, t) => a + t.total, 0);
    expect(sum).toBeCloseTo(r.summary.total, 6);
    for (const t of r.summary.tenants) expect(t.total).toBeCloseTo(t.direct + t.idleShare, 6);

    expect(r.csv.split('\r\n')[0]).toBe(HEADER);
    expect(Object.keys(r.tenantCsv).sort()).toEqual(tenants);
    const acme = r.tenantCsv.acme!;
    const rows = acme.trim().split('\r\n');
    expect(rows[0]).toBe(HEADER);
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.slice(1).every((row) => row.startsWith('acme,'))).toBe(true);
    expect(rows[rows.length - 1]).toMatch(/^acme,,total,/);
    // The same run gives the same bill.
    expect(billForService(s)).toEqual(r);
    s.dispose();
  });

  it('the bill the page read at a pause on a minute is the bill as of that minute once the run went on', () => {
    // cost-models meters egress to the internet: a pause at 30 min, and one on the hour.
    const s = service();
    expect(s.load({ preset: 'cost-models' })).toMatchObject({ ok: true });
    const read = new Map<number, { total: number; byCategory: Record<string, number> }>();
    for (const t of [1800, 3600]) {
      s.simulation()!.runUntil(t);
      const r = billForService(s);
      if (!r.ok) throw new Error(r.error);
      expect(r.summary.byCategory.egress).toBeGreaterThan(0);
      read.set(t, { total: r.summary.total, byCategory: r.summary.byCategory });
    }
    s.runToEnd();
    const billing = s.simulation()!.billing!;
    for (const [t, then] of read) {
      const later = billing.summary(undefined, t);
      expect(later.byCategory, `as of ${t} s`).toEqual(then.byCategory);
      expect(later.total, `as of ${t} s`).toBe(then.total);
    }
    expect(billing.summary().byCategory.egress).toBeGreaterThan(read.get(3600)!.byCategory.egress!);
    s.dispose();
  });

  it('says plainly when there is nothing to bill', () => {
    const s = service();
    expect(s.load({ preset: 'mm1' })).toMatchObject({ ok: true });
    expect(billForService(s)).toEqual({ ok: false, error: 'this scenario has no host pools, so there is nothing to bill', code: 'no-pools' });
    const off = { ...PRESETS['hybrid-dc']!.scenario, billing: { enabled: false } };
    const loaded = s.load({ scenario: off });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    expect(billForService(s)).toEqual({ ok: false, error: 'billing is turned off in this scenario (billing.enabled: false)', code: 'billing-off' });
    s.dispose();
  });

  it('applies a recommendation and re-runs it off the live run, which goes on where it was', () => {
    const s = service();
    expect(rerunForService(s, 'all')).toEqual({ ok: false, selection: 'all', error: 'no scenario is loaded', code: 'no-scenario' });
    expect(s.load({ preset: 'cost-models' })).toMatchObject({ ok: true });
    while (s.step() && s.results().simulatedTime < 30) {
      /* the live run is 30 s in */
    }
    const t = s.results().simulatedTime;
    const r = rerunForService(s, 'reserve:eu-west/g.xlarge');
    if (!r.ok) throw new Error(r.error);
    expect(s.results().simulatedTime).toBe(t);
    expect(r.comparison.applied.map((a) => a.id)).toEqual(['reserve:eu-west/g.xlarge']);
    expect(r.comparison.realSaving).toBeCloseTo(r.comparison.estimatedSaving, 9);
    expect(r.comparison.slaAfter.held).toBe(true);
    expect('patched' in r.comparison).toBe(false);
    // The link loads the patched scenario.
    const decoded = decodeScenarioLink(r.link);
    if (!decoded.ok) throw new Error(JSON.stringify(decoded.errors));
    expect(decoded.scenario.billing!.reserved.map((x) => [x.type, x.count])).toEqual([
      ['g.large', 1],
      ['g.xlarge', 4],
    ]);
    expect(rerunForService(s, 'nope')).toMatchObject({ ok: false, error: expect.stringMatching(/^no recommendation matches "nope"/) });
    s.dispose();
  });
});
