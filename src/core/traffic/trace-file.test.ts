import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { parseSwf, parseTraceText } from './trace-file';

const NASA = '../shared/traces/nasa-http-1995/requests_per_minute.csv';
const SWF = '../shared/traces/NASA-iPSC-1993-3.1-cln.swf.gz';

describe('trace files', () => {
  it('reads a CSV with a header from its last column or a named one', () => {
    expect(parseTraceText('minute,requests\n0,42\n1,62\n', 'per-minute')).toEqual({ ok: true, data: [42, 62] });
    expect(parseTraceText('a,b\n1,2\n3,4', 'per-minute', 'a')).toEqual({ ok: true, data: [1, 3] });
    expect(parseTraceText('# comment\n5\n\n6\n', 'per-minute')).toEqual({ ok: true, data: [5, 6] });
  });

  it('rejects malformed lines with their numbers and reasons', () => {
    const r = parseTraceText('minute,requests\n0,42\n1,4x2\n2\n3,-1\n', 'per-minute');
    expect(r).toEqual({
      ok: false,
      errors: ['line 3: "4x2" in column "requests" is not a number', 'line 4: expected 2 fields, found 1', 'line 5: -1 in column "requests" is negative'],
    });
    expect(parseTraceText('t\n1\n3\n2\n', 'timestamps')).toEqual({ ok: false, errors: ['line 4: timestamp 2 is earlier than the one before it (3)'] });
    expect(parseTraceText('a,b\n1,2', 'per-minute', 'c')).toEqual({ ok: false, errors: ['line 1: no column named "c" (columns: a, b)'] });
    expect(parseTraceText('\n\n', 'per-minute')).toEqual({ ok: false, errors: ['the trace has no values'] });
  });

  it.skipIf(!existsSync(NASA))('reads the NASA 1995 per-minute trace from shared/traces', () => {
    const r = parseTraceText(readFileSync(NASA, 'utf8'), 'per-minute');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.data.length).toBe(84_333);
      expect(r.data.slice(0, 4)).toEqual([42, 62, 58, 69]);
      expect(r.data.reduce((a, b) => Math.max(a, b), 0)).toBe(409);
    }
  });
});

describe('Standard Workload Format logs', () => {
  it('turns job submit times into arrivals and rejects malformed jobs with line numbers', () => {
    const good = '; Version: 2.2\n; Computer: test\n1 0 -1 10 4 -1 -1 -1 -1 -1 -1 1 1 -1 -1 -1 -1 -1\n2 5 -1 10 4 -1 -1 -1 -1 -1 -1 1 1 -1 -1 -1 -1 -1\n';
    expect(parseSwf(good)).toEqual({ ok: true, data: [0, 5] });
    const bad = '; header\n1 0 -1 10 4 -1 -1 -1 -1 -1 -1 1 1 -1 -1 -1 -1 -1\n2 5 -1 10\n3 x -1 10 4 -1 -1 -1 -1 -1 -1 1 1 -1 -1 -1 -1 -1\n4 -1 -1 10 4 -1 -1 -1 -1 -1 -1 1 1 -1 -1 -1 -1 -1\n';
    expect(parseSwf(bad)).toEqual({
      ok: false,
      errors: ['line 3: a job has 18 fields, found 4', 'line 4: field 2 ("x") is not a number', 'line 5: submit time (field 2) is -1; it must be known (≥ 0)'],
    });
  });

  it.skipIf(!existsSync(SWF))('reads the NASA iPSC/860 1993 log from shared/traces', () => {
    const r = parseSwf(gunzipSync(readFileSync(SWF)).toString('utf8'));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.data.length).toBe(18_239);
      expect(r.data.slice(0, 3)).toEqual([0, 1460, 5198]);
    }
  });
});
