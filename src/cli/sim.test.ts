import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeScenarioLink, PRESETS } from '../core/index';

function cli(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'src/cli/sim.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run sim', () => {
  it('lists the presets', () => {
    const r = cli('--list');
    expect(r.code).toBe(0);
    for (const name of Object.keys(PRESETS)) expect(r.out).toContain(name);
  });

  it('prints byte-identical results for the same scenario and seed, whether from a preset or its link', () => {
    const a = JSON.parse(cli('default', '--until', '40s', '--json').out);
    const b = JSON.parse(cli('default', '--until', '40s', '--json').out);
    const link = encodeScenarioLink(PRESETS.default!.scenario);
    const c = JSON.parse(cli(`http://localhost:4173/#${link}`, '--until', '40s', '--json').out);
    expect(JSON.stringify(b.results)).toBe(JSON.stringify(a.results));
    expect(JSON.stringify(c.results)).toBe(JSON.stringify(a.results));
    expect(a.results.simulatedTime).toBe(40);
    expect(a.run.wallMs).toBeGreaterThan(0);
    const d = JSON.parse(cli('default', '--until', '40s', '--seed', '9', '--json').out);
    expect(d.results.seed).toBe(9);
    expect(JSON.stringify(d.results)).not.toBe(JSON.stringify(a.results));
  });

  it('prints a readable summary', () => {
    const r = cli('mm1', '--until', '30s');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/M\/M\/1 queue/);
    expect(r.out).toMatch(/server\s+1\s+/);
  });

  it('answers bad input with one line and exit code 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cumulo-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...PRESETS.mm1!.scenario, services: [{ id: 'server', replicas: 0, work: { type: 'exponential', mean: -1 } }] }));
    const trace = join(dir, 'trace.json');
    writeFileSync(join(dir, 't.csv'), 'minute,requests\n0,5\n1,five\n');
    writeFileSync(trace, JSON.stringify({ ...PRESETS.mm1!.scenario, workloads: [{ id: 'w', target: 'server', arrival: { type: 'trace', format: 'per-minute', file: 't.csv' } }] }));
    const cases: Array<[string[], RegExp]> = [
      [['nope'], /unknown scenario "nope"/],
      [[bad], /services\[0\]\.replicas: must be at least 1, got 0; services\[0\]\.work\.mean: must be greater than 0, got -1/],
      [[trace], /workloads\[0\]\.arrival\.file: t\.csv: line 3: "five" in column "requests" is not a number/],
      [['#s=c1.garbage!'], /^cumulo sim: link: /],
      [['mm1', '--until', 'soon'], /--until: "soon" is not a duration/],
      [['mm1', '--seed', '-3'], /--seed/],
      [['mm1', '--bogus'], /unknown option --bogus/],
      [['mm1', '--until', '10s', '--decisions'], /--decisions: no service in this scenario has an autoscaler/],
    ];
    for (const [args, pattern] of cases) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')[0]).toMatch(pattern);
    }
  });

  it('prints the autoscalers and their decision log', () => {
    const r = cli('flash-crowd', '--until', '12m');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/autoscaler\s+policy\s+metric/);
    expect(r.out).toMatch(/web\s+target-tracking\s+cpu\s+0\.6\s+2\s+20/);
    expect(r.out).toMatch(/cluster autoscaler \(least-waste\): [1-9]\d* scale-ups/);
    const d = cli('flash-crowd', '--until', '12m', '--decisions');
    expect(d.code).toBe(0);
    const lines = d.out.trim().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    // Changes only: each line moves the count, and says why.
    for (const line of lines) expect(line).toMatch(/web\s+target-tracking\s+\d+ → \d+ .*vs target 60 %/);
    const all = cli('flash-crowd', '--until', '2m', '--decisions', 'all', '--json');
    expect(JSON.parse(all.out)).toHaveLength(8); // one per 15 s sync
  });

  it('applies recommendations and re-runs on the same seed (--bill --apply), printing estimated vs real saving and the SLA', () => {
    const r = cli('cost-models', '--bill', '--apply', 'reserve:eu-west/g.xlarge');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^apply and re-run on seed 7, both runs to the end \(2h\):/);
    expect(r.out).toMatch(/applied \[reserve:eu-west\/g\.xlarge\]/);
    const m = /saving over the run: estimated \$([\d.]+), real \$([\d.]+)/.exec(r.out)!;
    expect(Number(m[2])).toBeCloseTo(Number(m[1]), 2);
    expect(r.out).toMatch(/SLA before: held/);
    expect(r.out).toMatch(/SLA after: {2}held/);
    const bad = cli('cost-models', '--bill', '--apply', 'nothing');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^cumulo sim: --apply: no recommendation matches "nothing"/);
    expect(cli('mm1', '--apply', 'all').err).toMatch(/^cumulo sim: --apply: this scenario has no host pools/);
  });
});
