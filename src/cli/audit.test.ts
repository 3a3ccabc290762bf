import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function cli(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'src/cli/sim.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run sim -- --audit', () => {
  it('prints the attack preset\'s audit trail, as text and as JSON', () => {
    const text = cli('attack', '--audit');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/2m\s+DENY\s+acme-ops-key\s+service:scale\s+tenant\/globex\/service\/globex-api\s+cross-tenant: principal acme-ops-key has no role on tenant globex/);
    expect(text.out).toMatch(/1m\s+ALLOW\s+acme-ops-key\s+service:scale .* → acme-web scaled to 4 replicas/);
    expect(text.out).toMatch(/16 attempts: 5 allowed, 11 denied \(7 cross-tenant\)/);
    const json = JSON.parse(cli('attack', '--audit', '--json').out);
    expect(json.audit).toHaveLength(16);
    expect(json.denied).toBe(11);
  });

  it('says plainly when there is nothing to audit', () => {
    const r = cli('mm1', '--until', '10s', '--audit');
    expect(r.code).toBe(2);
    expect(r.err).toContain('no principals or scripted actions');
  });
});
