import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVERLESS_PRESETS } from '../core/presets/serverless';

function cli(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'src/cli/sim.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run sim on a serverless scenario', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cumulo-sl-'));
  const file = join(dir, 'event-driven.json');
  writeFileSync(file, JSON.stringify({ ...SERVERLESS_PRESETS['event-driven']!.scenario, duration: '6m' }));

  it('prints the serverless summary: totals, cost, functions, gateway clients, queues, topics', () => {
    const r = cli(file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^serverless \(keep-alive fixed-10m\): [\d,]+ invocations, [\d,]+ cold starts, [\d,]+ throttled \(429\)/m);
    expect(r.out).toMatch(/^cost: [\d,]+ requests \$\d+\.\d{4} \+ [\d.]+ GB-s \$\d+\.\d{4} = \$\d+\.\d{4}$/m);
    expect(r.out).toMatch(/^function\s+runtime\s+MB\s+invocations\s+cold\s+cold %\s+init share\s+throttled\s+errors\s+p95 ms\s+peak conc\s+envs\s+cost$/m);
    expect(r.out).toMatch(/^orders\s+node\s+256\s+[\d,]+/m);
    expect(r.out).toMatch(/^gateway api: [\d,]+ requests, [\d,]+ accepted .* [\d,]+ 401, [\d,]+ 403, [\d,]+ 429 rate-limited$/m);
    expect(r.out).toMatch(/^ {2}partner\s+[\d,]+\s+[\d,]+\s+0\s+0\s+[1-9][\d,]*$/m);
    expect(r.out).toMatch(/^payments\s+standard\s+[\d,]+/m);
    expect(r.out).toMatch(/^shipping\s+fifo\s+[\d,]+.*\s0$/m);
    expect(r.out).toMatch(/^topic order-events: [\d,]+ published, [\d,]+ delivered, [\d,]+ filtered out$/m);
  });

  it('--json carries results.serverless; the same seed prints the same figures', () => {
    const a = JSON.parse(cli(file, '--json').out);
    const b = JSON.parse(cli(file, '--json').out);
    expect(a.results.serverless.functions.map((f: { id: string }) => f.id)).toEqual(['orders', 'payments', 'shipping', 'report', 'thumbnail']);
    expect(JSON.stringify(a.results.serverless)).toBe(JSON.stringify(b.results.serverless));
  });
});
