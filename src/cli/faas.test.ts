import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEEP_ALIVE_PRESETS, runFaas } from '../core/serverless/index';
import { loadTrace, main } from './faas';

const AZURE = '../shared/traces/azure-functions-2019-invitro-100fn';

/** Runs the CLI in this process and collects what it writes. */
function faas(...argv: string[]) {
  let out = '';
  let err = '';
  const code = main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

// A small hand-made trace in the Azure format: a busy function, a 5-minute timer, a rare one.
const dir = mkdtempSync(join(tmpdir(), 'cumulo-faas-'));
const minutes = Array.from({ length: 60 }, (_, i) => 480 + i);
const row = (fn: string, trigger: string, f: (m: number) => number) => `o-${fn},a-${fn},${fn},${trigger},${minutes.map((_, i) => f(i)).join(',')}`;
const INV = [`HashOwner,HashApp,HashFunction,Trigger,${minutes.join(',')}`, row('busy', 'http', (i) => 20 + (i % 7) * 3), row('tick', 'timer', (i) => (i % 5 === 0 ? 1 : 0)), row('rare', 'queue', (i) => (i === 10 || i === 50 ? 2 : 0))].join('\n');
const P = 'percentile_Average_0,percentile_Average_1,percentile_Average_25,percentile_Average_50,percentile_Average_75,percentile_Average_99,percentile_Average_100';
const DUR = [`HashOwner,HashApp,HashFunction,Average,Count,Minimum,Maximum,${P}`, 'o-busy,a-busy,busy,0,0,0,0,20,25,60,100,180,900,3000', 'o-tick,a-tick,tick,0,0,0,0,300,300,400,500,600,900,1000', 'o-rare,a-rare,rare,0,0,0,0,5,5,5,5,5,5,5'].join('\n');
const MEM = ['HashFunction,HashOwner,HashApp,SampleCount,AverageAllocatedMb', 'busy,o,a,1,180.2', 'tick,o,a,1,60', 'rare,o,a,1,512'].join('\n');
writeFileSync(join(dir, 'invocations.csv'), INV);
writeFileSync(join(dir, 'durations.csv'), DUR);
writeFileSync(join(dir, 'memory.csv'), MEM);
const elsewhere = join(dir, 'elsewhere');
mkdirSync(elsewhere);
writeFileSync(join(elsewhere, 'calls.csv'), INV);
writeFileSync(join(elsewhere, 'times.csv'), DUR);
writeFileSync(join(elsewhere, 'mem.csv'), MEM);

describe('npm run faas', () => {
  it('replays a trace folder under one policy and reports it', () => {
    const r = faas(dir, '--policy', 'hybrid', '--seed', '3');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const total = INV.split('\n').slice(1).reduce((s, l) => s + l.split(',').slice(4).reduce((a, b) => a + Number(b), 0), 0);
    expect(r.out).toContain(`3 functions, ${total.toLocaleString('en-US')} invocations over 60 minutes (minutes 480–539), seed 3`);
    expect(r.out).toMatch(/^policy hybrid: idle-time histograms per application and concurrency slot/m);
    expect(r.out).toMatch(new RegExp(`^ {2}invocations {7}${total.toLocaleString('en-US')}: [\\d,]+ completed, 0 timed out, 0 throttled \\(429\\)$`, 'm'));
    expect(r.out).toMatch(/^ {2}cold starts {7}\d+ \(\d+\.\d\d % of started\); INIT is \d+\.\d\d % of latency$/m);
    expect(r.out).toMatch(/^ {2}cost {14}\$\d+\.\d{4} \(/m);
  });

  it('--json gives the core result, identical run after run; files are recognised by their header, in any order', () => {
    const a = JSON.parse(faas(dir, '--policy', 'fixed-20m', '--json').out);
    const b = JSON.parse(faas(join(elsewhere, 'mem.csv'), join(elsewhere, 'calls.csv'), join(elsewhere, 'times.csv'), '--policy', 'fixed-20m', '--json').out);
    expect(JSON.stringify(b.result)).toBe(JSON.stringify(a.result));
    expect(b.input.files).toEqual({ memory: join(elsewhere, 'mem.csv'), invocations: join(elsewhere, 'calls.csv'), durations: join(elsewhere, 'times.csv') });
    expect(a.input).toMatchObject({ functions: 3, seed: 1 });
    expect(typeof a.run.wallMs).toBe('number');
    const { trace } = loadTrace([dir]);
    expect(JSON.stringify(a.result)).toBe(JSON.stringify(runFaas({ ...trace.config, keepAlive: KEEP_ALIVE_PRESETS['fixed-20m'] }, { seed: 1 })));
    // the default policy is fixed-10m; --runtime and --concurrency reach the model
    const c = JSON.parse(faas(join(dir, 'invocations.csv'), '--json', '--runtime', 'java', '--concurrency', '1').out);
    expect(c.result.policy.name).toBe('fixed-10m');
    expect(c.result.functions[0].runtime).toBe('java');
    expect(c.result.account.concurrencyLimit).toBe(1);
    expect(c.result.totals.throttled).toBeGreaterThan(0);
  });

  it('--compare runs every policy: a table of cold starts, ratio, idle GB-s and cost', () => {
    const r = faas(dir, '--compare');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}policy\s+cold starts\s+cold-start ratio\s+idle GB-s\s+wasted GB-s\s+cost\s+idle memory at GB-s price$/m);
    for (const p of ['fixed-10m', 'fixed-20m', 'hybrid', 'hybrid-4h']) expect(r.out).toMatch(new RegExp(`^ {2}${p}\\s+[\\d,]+\\s+\\d+\\.\\d\\d %\\s+[\\d,]+\\s+[\\d,]+\\s+\\$\\d+\\.\\d{4}\\s+\\$\\d+\\.\\d{4}$`, 'm'));
    const doc = JSON.parse(faas(dir, '--compare', '--json', '--fallback', '10m').out);
    expect(Object.keys(doc.results)).toEqual(['fixed-10m', 'fixed-20m', 'hybrid', 'hybrid-4h']);
    expect(doc.results.hybrid.policy.spec.fallbackTtl).toBe(600);
    expect(doc.results['fixed-10m'].totals.invocations).toBe(doc.results.hybrid.totals.invocations);
  });

  it('bad input: one line on stderr and exit code 2', () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'invocations.csv'), INV.replace('busy,http,20', 'busy,http,2O'));
    writeFileSync(join(bad, 'durations.csv'), DUR);
    writeFileSync(join(bad, 'memory.csv'), MEM);
    const onlyInv = join(dir, 'only');
    mkdirSync(onlyInv);
    writeFileSync(join(onlyInv, 'inv.csv'), INV);
    const cases: Array<[string[], string]> = [
      [[], 'cumulo faas: no trace given (a folder with invocations.csv, durations.csv and memory.csv, or the files)'],
      [[join(dir, 'nope')], `cumulo faas: ${join(dir, 'nope')}: no such file or folder`],
      [[elsewhere], `cumulo faas: ${elsewhere}: no invocations.csv in this folder`],
      [[bad], `cumulo faas: ${join(bad, 'invocations.csv')} line 2, column 5 (minute 480): "2O" is not a whole number of invocations`],
      [[join(onlyInv, 'inv.csv')], `cumulo faas: no durations file given, and no durations.csv beside ${join(onlyInv, 'inv.csv')}`],
      [[join(dir, 'memory.csv')], `cumulo faas: no invocations file among ${join(dir, 'memory.csv')} (its header starts HashOwner,HashApp,HashFunction,Trigger)`],
      [[join(dir, 'invocations.csv'), join(elsewhere, 'calls.csv')], `cumulo faas: ${join(elsewhere, 'calls.csv')}: a second invocations file (the first is ${join(dir, 'invocations.csv')})`],
      [[dir, '--policy', 'fixed-5m'], 'cumulo faas: --policy: "fixed-5m" is not one of fixed-10m, fixed-20m, hybrid, hybrid-4h'],
      [[dir, '--policy', 'hybrid', '--compare'], 'cumulo faas: give --policy or --compare, not both'],
      [[dir, '--seed', '-1'], 'cumulo faas: --seed: "-1" must be a whole number from 0 to 4294967295'],
      [[dir, '--fallback', 'soon'], 'cumulo faas: --fallback: "soon" is not a duration (e.g. 10m, 4h)'],
      [[dir, '--colour'], 'cumulo faas: unknown option --colour'],
    ];
    for (const [argv, line] of cases) {
      const r = faas(...argv);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe(`${line}\n`);
    }
    writeFileSync(join(bad, 'readme.csv'), 'a,b\n1,2\n');
    expect(faas(join(bad, 'readme.csv')).err).toBe(`cumulo faas: ${join(bad, 'readme.csv')}: not an Azure trace file (its header "a,b" names no Trigger, percentile_Average_ or AverageAllocatedMb column)\n`);
    expect(faas('--help')).toMatchObject({ code: 0, err: '' });
  });

  it.skipIf(!existsSync(`${AZURE}/invocations.csv`))('compares the policies on the Azure 2019 trace in a few seconds (skipped without ../shared/traces)', () => {
    const r = faas(AZURE, '--compare');
    expect(r.err).toBe('');
    expect(r.out).toContain('100 functions, 339,657 invocations over 480 minutes (minutes 480–959), seed 1');
    const cold = (p: string) => Number(new RegExp(`^ {2}${p}\\s+([\\d,]+)`, 'm').exec(r.out)![1]!.replace(/,/g, ''));
    expect(cold('hybrid')).toBeLessThan(cold('fixed-10m'));
    expect(cold('fixed-20m')).toBeLessThan(cold('fixed-10m'));
    const secs = Number(/\((\d+\.\d\d) s\)\n$/.exec(r.out)![1]);
    expect(secs).toBeLessThan(30);
  });
});
