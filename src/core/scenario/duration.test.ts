import { describe, expect, it } from 'vitest';
import { durationSeconds, formatDuration } from './duration';

describe('durations', () => {
  it('parses numbers and unit strings', () => {
    expect(durationSeconds(90)).toBe(90);
    expect(durationSeconds('250ms')).toBe(0.25);
    expect(durationSeconds('1h30m')).toBe(5400);
    expect(durationSeconds('2d')).toBe(172800);
    expect(durationSeconds('1.5s')).toBe(1.5);
    expect(durationSeconds('42')).toBe(42);
  });
  it('rejects what is not a duration', () => {
    expect(durationSeconds('soon')).toBeNaN();
    expect(durationSeconds(-1)).toBeNaN();
    expect(durationSeconds('')).toBeNaN();
    expect(durationSeconds('5 parsecs')).toBeNaN();
  });
  it('formats compactly', () => {
    expect(formatDuration(90)).toBe('1m30s');
    expect(formatDuration(0.25)).toBe('250ms');
    expect(formatDuration(86400)).toBe('1d');
  });
});
