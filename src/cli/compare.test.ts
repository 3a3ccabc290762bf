import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseScenario, PRESETS, type Scenario } from '../core/index';
import { runCompare } from './compare';
import { CliError } from './load';

function scenario(name: string): Scenario {
  const r = parseScenario(PRESETS[name]!.scenario);
  if (!r.ok) throw new Error('bad preset');
  return r.scenario;
}

function capture() {
  const out: string[] = [];
  return { io: { out: (s: string) => void out.push(s), err: (s: string) => void out.push(s) }, text: () => out.join('') };
}

const LC = '{"services":{"app":{"loadBalancer":{"policy":"least-connections"}}}}';

describe('sim --compare', () => {
  it('prints the delta table of A and B on the same seed', () => {
    const c = capture();
    expect(runCompare(scenario('lb-compare'), LC, { until: 180, json: false }, c.io)).toBe(0);
    const text = c.text();
    expect(text).toContain('B: A + {"services":{"app":{"loadBalancer":{"policy":"least-connections"}}}} · seed 8');
    const row = text.split('\n').find((l) => l.startsWith('app  p99 latency'))!;
    const [a, b, d] = [...row.matchAll(/(-?[\d.]+) ms/g)].map((m) => Number(m[1]));
    expect(b).toBeLessThan(a!);
    expect(d).toBeCloseTo(b! - a!, 0);
    expect(text).toMatch(/run\s+requests arrived\s+([\d,]+)\s+\1\s+0/);
  });

  it('prints JSON with --json and names a bad patch', () => {
    const c = capture();
    runCompare(scenario('lb-compare'), LC, { until: 60, json: true }, c.io);
    const doc = JSON.parse(c.text());
    expect(doc.table.rows.find((r: any) => r.key === 'p99').delta).toBeLessThan(0);
    expect(() => runCompare(scenario('lb-compare'), '{services', { json: false }, c.io)).toThrow(CliError);
    expect(() => runCompare(scenario('lb-compare'), '{"services":{"app":{"replicas":-1}}}', { json: false }, c.io)).toThrow(/variant B is not a valid scenario: services\[0\]\.replicas/);
  });

  it('is wired into npm run sim (exit code 2 on a bad patch)', () => {
    const r = spawnSync('npx', ['tsx', 'src/cli/sim.ts', 'mm1', '--until', '10s', '--compare', '{"services":{"nope":{}}}'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('services has no item with id "nope" (ids: server)');
  });
});
