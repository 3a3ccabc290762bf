import { describe, expect, it } from 'vitest';
import { gzipSync, strToU8 } from 'fflate';
import { createWorkerApi } from './api';
import { SimService } from './service';
import { decodeTraceBytes, gunzipBounded } from './trace-import';
import { PRESETS } from '../core/index';

/** Bad input the console can be handed: each gets a specific message, and the loaded scenario stays. */
const HAN = /\p{Script=Han}/u;

function loaded() {
  const api = createWorkerApi(new SimService({ setTimer: () => 0, clearTimer: () => undefined }));
  const r = api.load({ preset: 'mm1' });
  if (!r.ok) throw new Error('mm1 does not load');
  return { api, link: r.link };
}

const csvTrace = (lines: number) => {
  let t = 'minute,requests\n';
  for (let i = 0; i < lines; i++) t += `${i},${(i * 7) % 13}\n`;
  return strToU8(t);
};

describe('malformed trace files', () => {
  it('a gzip file cut short is called cut short (not "too big" from a misread trailer), and damaged data damaged', () => {
    const gz = gzipSync(csvTrace(20_000));
    const cut = decodeTraceBytes(gz.subarray(0, gz.length >> 1), 'trace.csv.gz');
    expect(cut).toEqual({ ok: false, errors: ['the gzip file is cut short: it ends before its data does (was the download or copy interrupted?)'] });
    const junk = new Uint8Array(64).map((_, i) => (i < 2 ? [0x1f, 0x8b][i]! : (i * 53) % 256));
    const damaged = decodeTraceBytes(junk, 'trace.gz');
    expect(damaged.ok).toBe(false);
    if (!damaged.ok) expect(damaged.errors[0]).toMatch(/^the gzip data is damaged: /);
    // Cut inside its trailer: all the data is there, but the file cannot show it is whole.
    expect(decodeTraceBytes(gz.subarray(0, gz.length - 2), 'trace.csv.gz')).toEqual(cut);
    // A whole file still reads, and so do several gzip members one after the other (cat a.gz b.gz).
    expect(decodeTraceBytes(gz, 'trace.csv.gz')).toMatchObject({ ok: true });
    const a = gzipSync(strToU8('minute,requests\n0,1\n'));
    const b = gzipSync(strToU8('1,2\n2,3\n'));
    const both = new Uint8Array(a.length + b.length);
    both.set(a);
    both.set(b, a.length);
    expect(decodeTraceBytes(both, 'two.csv.gz')).toEqual({ ok: true, text: 'minute,requests\n0,1\n1,2\n2,3\n' });
  });

  it('a gzip bomb stops being inflated at the limit, whatever its trailer says', () => {
    const bomb = gzipSync(new Uint8Array(8 * 1024 * 1024).fill(0x31));
    expect(gunzipBounded(bomb, 1024 * 1024)).toEqual({ ok: false, errors: ['the file unpacks to more than 1 MiB'] });
    // A lying size field (the last four bytes) changes nothing: the limit is counted while inflating.
    const lying = bomb.slice();
    lying.fill(0, lying.length - 4);
    expect(gunzipBounded(lying, 1024 * 1024)).toEqual({ ok: false, errors: ['the file unpacks to more than 1 MiB'] });
    const whole = gunzipBounded(bomb, 16 * 1024 * 1024);
    expect(whole.ok && whole.bytes.length).toBe(8 * 1024 * 1024);
  });

  it('a binary file or UTF-16 without a byte-order mark is "not text"; UTF-16 with one is read', () => {
    const binary = new Uint8Array(300).map((_, i) => (i * 37) % 256);
    expect(decodeTraceBytes(binary, 'x.csv')).toEqual({
      ok: false,
      errors: ['the file is not text: it has a zero byte at byte 1 (a binary file, or UTF-16 without a byte-order mark); save the trace as UTF-8 text'],
    });
    const text = 'minute,requests\n0,5\n';
    const le = new Uint8Array(2 + text.length * 2);
    le[0] = 0xff;
    le[1] = 0xfe;
    for (let i = 0; i < text.length; i++) le[2 + i * 2] = text.charCodeAt(i);
    expect(decodeTraceBytes(le, 'unicode.csv')).toEqual({ ok: true, text });
  });

  it('through the worker: a malformed file changes nothing, and its message is specific in English and in Chinese', () => {
    const { api, link } = loaded();
    const gz = gzipSync(csvTrace(20_000));
    const bytes = gz.slice(0, gz.length >> 1);
    const req = { workload: 'clients', fileName: 'cut.csv.gz', bytes, format: 'per-minute' as const };
    const en = api.importTrace({ ...req, bytes: bytes.slice() });
    expect(en).toMatchObject({ ok: false, code: 'invalid-trace', errors: [expect.stringMatching(/cut short/)] });
    api.setLanguage('zh');
    const zh = api.importTrace({ ...req, bytes: bytes.slice() });
    expect(zh.ok).toBe(false);
    if (!zh.ok) expect(zh.errors.every((e) => HAN.test(e))).toBe(true);
    api.setLanguage('en');
    expect(api.scenarioInfo()?.link).toBe(link);
  });
});

describe('impossible traces and requests', () => {
  it('a per-minute count no simulator can replay is refused by validation with its place, not a raw RangeError', () => {
    const { api, link } = loaded();
    const workload = PRESETS.mm1!.scenario.workloads![0]!.id;
    const r = api.importTrace({ workload, fileName: 'huge.csv', bytes: strToU8('minute,requests\n0,1e300\n1,2\n'), format: 'per-minute' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('invalid-scenario');
      expect(r.errors.join(' ')).toMatch(/data\[0\]: must be at most 600000000 requests \(10,000,000 a second over a trace minute of 60 s\), got 1e\+300/);
      expect(r.errors.join(' ')).not.toMatch(/RangeError|typed array/i);
    }
    expect(api.scenarioInfo()?.link).toBe(link);
    // The same in Chinese.
    api.setLanguage('zh');
    const zh = api.importTrace({ workload, fileName: 'huge.csv', bytes: strToU8('minute,requests\n0,1e300\n1,2\n'), format: 'per-minute' });
    if (zh.ok) throw new Error('accepted');
    expect(zh.errors.join(' ')).toMatch(/应不大于 600000000 个请求/);
    api.setLanguage('en');
  });

  it('a resize to a type bigger than any host, or to an unknown type, is refused with its reason; the run goes on', () => {
    const api = createWorkerApi(new SimService({ setTimer: () => 0, clearTimer: () => undefined }));
    const base = structuredClone(PRESETS['zone-outage']!.scenario) as unknown as Record<string, unknown> & { instanceTypes?: unknown[] };
    base.instanceTypes = [...(base.instanceTypes ?? []), { id: 'x.giant', family: 'general', vcpu: 4096, memoryGiB: 65536 }];
    const r = api.load({ scenario: base });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    for (let i = 0; i < 200; i++) api.step();
    const hostDetail = api.hostDetail('pool-a-0');
    const instance = hostDetail.ok ? hostDetail.instances[0]?.name : undefined;
    expect(instance).toBeDefined();
    const big = api.operate({ op: 'resize', instance: instance!, type: 'x.giant' });
    // The scheduler's own account, as Kubernetes words a FailedScheduling: every host counted with its reason.
    expect(big.ok).toBe(false);
    expect(big.message).toMatch(new RegExp(`^nowhere to migrate ${instance!}: 0/\\d+ hosts available: \\d+ insufficient cpu`));
    expect(api.computeOperations()).toEqual([]);
    expect(api.hostDetail('pool-a-0')).toMatchObject({ ok: true });
    expect(api.operate({ op: 'resize', instance: instance!, type: 'nope' })).toMatchObject({ ok: false, message: 'unknown instance type "nope"' });
    expect(api.step()).toBe(true);
  });
});
