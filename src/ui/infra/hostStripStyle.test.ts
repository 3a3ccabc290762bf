import { describe, expect, it } from 'vitest';
import { hostStripBackground } from './hostStripStyle';
import { HOST_BOOTING, HOST_CORDONED, HOST_FAILED, HOST_POWERED_ON, HOST_PROVISIONED } from '../../workers/wire';

const UP = HOST_POWERED_ON | HOST_PROVISIONED;

describe('hostStripBackground', () => {
  it('gives one colour stop per run of equal cells, in percent of the strip', () => {
    const cpu = [0, 0, 0.5, 0.5];
    const bg = hostStripBackground(4, (k) => cpu[k]!, () => UP, false);
    const base = bg.backgroundImage;
    expect(base.startsWith('linear-gradient(to right,')).toBe(true);
    // Two runs: cells 0–1 and 2–3.
    expect(base.match(/#[0-9a-f]{6}/g)).toHaveLength(2);
    expect(base).toContain(' 0% 50%');
    expect(base).toContain(' 50% 100%');
    expect(bg.backgroundSize).toBe('100% 100%');
  });

  it('marks failed hosts red and powered-off hosts dark', () => {
    const flags = [UP | HOST_FAILED, HOST_PROVISIONED, UP];
    const bg = hostStripBackground(3, () => 0.2, (k) => flags[k]!, false);
    expect(bg.backgroundImage).toContain('#dc2626 0% 33.333%');
    expect(bg.backgroundImage).toContain('#3f3f46 33.333% 66.667%');
  });

  it('lays a striped layer over a run of cordoned hosts, placed and sized to the run', () => {
    const flags = [UP, UP | HOST_CORDONED, UP | HOST_CORDONED, UP];
    const bg = hostStripBackground(4, () => 0.1, (k) => flags[k]!, false);
    expect(bg.backgroundImage.startsWith('repeating-linear-gradient(45deg,#facc15')).toBe(true);
    const sizes = bg.backgroundSize.split(',');
    const positions = bg.backgroundPosition.split(',');
    expect(sizes).toEqual(['50% 100%', '100% 100%']);
    // A layer half as wide as the strip starting at its quarter: position 0.25 / (1 − 0.5) = 50 %.
    expect(positions).toEqual(['50% 0', '0 0']);
  });

  it('shows empty slots outlined and booting slots dotted, and a failed cordoned host as failed only', () => {
    const flags = [0, HOST_BOOTING, UP | HOST_FAILED | HOST_CORDONED];
    const bg = hostStripBackground(3, () => 0, (k) => flags[k]!, false);
    expect(bg.backgroundSize.split(',')).toHaveLength(3);
    expect(bg.backgroundImage).toContain('linear-gradient(#3f3f46 0 1px');
    expect(bg.backgroundImage).toContain('repeating-linear-gradient(45deg,#3f3f46 0 1px');
    expect(bg.backgroundImage).not.toContain('#facc15');
  });

  it('adds hairlines between cells on request, on top', () => {
    const bg = hostStripBackground(10, () => 0, () => UP, true);
    expect(bg.backgroundImage.startsWith('repeating-linear-gradient(to right,transparent 0 calc(10% - 1px)')).toBe(true);
    expect(bg.backgroundPosition.split(',')).toHaveLength(2);
  });

  it('colours allocation in 5 % steps: hosts a point apart share a stop', () => {
    const cpu = [0.41, 0.42, 0.58, 0.62];
    const bg = hostStripBackground(4, (k) => cpu[k]!, () => UP, false);
    // 0.41 and 0.42 show as 40 %, 0.58 and 0.62 as 60 %.
    expect(bg.backgroundImage.match(/#[0-9a-f]{6}/g)).toHaveLength(2);
    expect(bg.backgroundImage).toContain(' 0% 50%');
    expect(bg.backgroundImage).toContain(' 50% 100%');
  });

  it('is the same string for the same state (the strip skips unchanged updates)', () => {
    const a = hostStripBackground(42, (k) => k / 42, () => UP, true);
    const b = hostStripBackground(42, (k) => k / 42, () => UP, true);
    expect(a).toEqual(b);
  });
});
