import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { distributionKind, distributionValueOfKind, DISTRIBUTION_TYPES, formatFilter, formatPerMinute, parseFilter, parsePerMinute } from './valueEdits';

describe('message filters as text', () => {
  it('read "name = a, b" lines back into the filter; blank lines skipped; nothing is no filter', () => {
    expect(parseFilter('express = true\n\n region = eu , us ')).toEqual({ ok: true, filter: { express: ['true'], region: ['eu', 'us'] } });
    expect(parseFilter('a = x\na = y')).toEqual({ ok: true, filter: { a: ['x', 'y'] } });
    expect(parseFilter('  \n')).toEqual({ ok: true, filter: undefined });
  });

  it('name the line that is not "name = values"', () => {
    expect(parseFilter('express = true\nregion eu')).toEqual({ ok: false, line: 2 });
    expect(parseFilter('= x')).toEqual({ ok: false, line: 1 });
    expect(parseFilter('a = , ,')).toEqual({ ok: false, line: 1 });
  });

  it('format and parse are inverse for filters of plain names and values (property)', () => {
    const word = fc.stringMatching(/^[a-z0-9_.-]{1,12}$/);
    fc.assert(
      fc.property(fc.dictionary(word, fc.uniqueArray(word, { minLength: 1, maxLength: 4 }), { minKeys: 1, maxKeys: 5 }), (filter) => {
        const r = parseFilter(formatFilter(filter));
        expect(r).toEqual({ ok: true, filter });
      }),
    );
  });
});

describe('per-minute counts as text', () => {
  it('read whole numbers ≥ 0 separated by commas, spaces or lines; empty is no trace', () => {
    expect(parsePerMinute('0, 3 12\n7')).toEqual({ ok: true, list: [0, 3, 12, 7] });
    expect(parsePerMinute(' ')).toEqual({ ok: true, list: undefined });
    expect(formatPerMinute([1, 2, 3])).toBe('1, 2, 3');
  });

  it('name the first item that is not a whole number ≥ 0', () => {
    expect(parsePerMinute('1, 2.5, 3')).toEqual({ ok: false, index: 2, value: '2.5' });
    expect(parsePerMinute('4 -1')).toEqual({ ok: false, index: 2, value: '-1' });
    expect(parsePerMinute('x')).toEqual({ ok: false, index: 1, value: 'x' });
  });
});

describe('distribution-valued durations', () => {
  it('know the kind of a value', () => {
    expect(distributionKind(undefined)).toBe('');
    expect(distributionKind(120)).toBe('duration');
    expect(distributionKind('2m')).toBe('duration');
    expect(distributionKind({ type: 'lognormal', mean: 3, sd: 1 })).toBe('lognormal');
  });

  it('reshape with about the same mean: a duration becomes a distribution of its seconds and back', () => {
    expect(distributionValueOfKind('exponential', '2m', 5)).toEqual({ type: 'exponential', mean: 120 });
    expect(distributionValueOfKind('normal', '1h30m', 5)).toEqual({ type: 'normal', mean: 5400, sd: 1350 });
    expect(distributionValueOfKind('duration', { type: 'lognormal', mean: 45, sd: 15 }, 5)).toBe(45);
    expect(distributionValueOfKind('duration', { type: 'constant', value: 7 }, 5)).toBe(7);
    expect(distributionValueOfKind('', 120, 5)).toBeUndefined();
    expect(distributionValueOfKind('uniform', undefined, 0.3)).toEqual({ type: 'uniform', min: 0, max: 0.6 });
    for (const type of DISTRIBUTION_TYPES) expect(distributionKind(distributionValueOfKind(type, 10, 1))).toBe(type);
  });
});
