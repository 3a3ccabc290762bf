import { describe, expect, it } from 'vitest';
import { formatDelta, formatPct, formatValue } from './compareFormat';

describe('compare table display', () => {
  it('writes values and signed deltas in the row unit', () => {
    expect(formatValue('ms', 12.345)).toBe('12.3 ms');
    expect(formatValue('count', 1234.4)).toBe('1,234');
    expect(formatValue('fraction', 0.9996)).toBe('99.96 %');
    expect(formatValue('met', 0)).toBe('breached');
    expect(formatValue('usd', null)).toBe('—');
    expect(formatDelta({ unit: 'ms', delta: -5070.34 })).toBe('−5070.3 ms');
    expect(formatDelta({ unit: 'fraction', delta: 0.0004 })).toBe('+0.04 pp');
    expect(formatDelta({ unit: 'met', delta: -1 })).toBe('met → breached');
    expect(formatDelta({ unit: 'count', delta: 0 })).toBe('0');
    expect(formatPct(-57.74)).toBe('−57.7 %');
    expect(formatPct(null)).toBe('—');
  });
});
