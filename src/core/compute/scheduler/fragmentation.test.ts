import { describe, expect, it } from 'vitest';
import { commonestShape, fragmentation } from './fragmentation';
import { FixtureHosts } from './host-fixture';

describe('fragmentation', () => {
  it('is the share of free cpu on hosts that cannot take one more instance of the shape', () => {
    // free cpu: h0 6 (fits 4 cpu / 8 GiB), h1 3 (too little cpu), h2 8 but 4 GiB free (too little memory)
    const hosts = new FixtureHosts({ hosts: [{ cpu: 8, mem: 32 }, { cpu: 8, mem: 32 }, { cpu: 8, mem: 4 }] });
    hosts.bind(0, { cpu: 2, mem: 2 });
    hosts.bind(1, { cpu: 5, mem: 2 });
    // stranded 3 + 8 of 6 + 3 + 8 = 17
    expect(fragmentation(hosts, { cpu: 4, mem: 8 })).toBeCloseTo(11 / 17, 15);
    // A small shape fits everywhere but h2 (memory): 8 / 17.
    expect(fragmentation(hosts, { cpu: 1, mem: 8 })).toBeCloseTo(8 / 17, 15);
    expect(fragmentation(hosts, { cpu: 1, mem: 1 })).toBe(0);
  });

  it('counts only schedulable hosts, checks gpus, and is 0 without free cpu', () => {
    const hosts = new FixtureHosts({ hosts: [{ cpu: 8, mem: 32, gpu: 1 }, { cpu: 8, mem: 32 }, { cpu: 8, mem: 32, schedulable: false }] });
    // a gpu shape fits only h0: h1's 8 free cpu are stranded; h2 does not count
    expect(fragmentation(hosts, { cpu: 2, mem: 2, gpu: 1 })).toBe(0.5);
    hosts.bind(0, { cpu: 8, mem: 0 });
    hosts.bind(1, { cpu: 8, mem: 0 });
    expect(fragmentation(hosts, { cpu: 2, mem: 2 })).toBe(0);
  });
});

describe('commonestShape', () => {
  it('finds the most frequent shape, first seen on ties, gpu defaulting to 0', () => {
    expect(commonestShape([])).toBeNull();
    expect(
      commonestShape([
        { cpu: 2, mem: 4 },
        { cpu: 1, mem: 1 },
        { cpu: 1, mem: 1, gpu: 0 },
        { cpu: 2, mem: 4, gpu: 0 },
      ]),
    ).toEqual({ cpu: 2, mem: 4, gpu: 0, count: 2 });
    expect(commonestShape([{ cpu: 2, mem: 4 }, { cpu: 8, mem: 32, gpu: 1 }, { cpu: 8, mem: 32, gpu: 1 }])).toEqual({ cpu: 8, mem: 32, gpu: 1, count: 2 });
  });
});
