import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTraceText } from './trace-file';

const NASA = '../shared/traces/nasa-http-1995/requests_per_minute.csv';

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
