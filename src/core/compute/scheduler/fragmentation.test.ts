import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { commonestShape, fragmentation, fragmentationByGroup } from './fragmentation';
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

describe('fragmentationByGroup', () => {
  it('equals fragmentation restricted to each group, bit for bit', () => {
    const hostArb = fc.record({
      cpu: fc.integer({ min: 1, max: 64 }),
      mem: fc.integer({ min: 1, max: 256 }),
      gpu: fc.integer({ min: 0, max: 2 }),
      schedulable: fc.boolean(),
      used: fc.double({ min: 0, max: 1.2, noNaN: true }),
      group: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(hostArb, { minLength: 1, maxLength: 30 }), fc.record({ cpu: fc.double({ min: 0.25, max: 16, noNaN: true }), mem: fc.integer({ min: 1, max: 64 }), gpu: fc.integer({ min: 0, max: 1 }) }), (spec, shape) => {
        const hosts = new FixtureHosts({ hosts: spec.map((x) => ({ cpu: x.cpu, mem: x.mem, gpu: x.gpu, schedulable: x.schedulable })) });
        spec.forEach((x, i) => hosts.bind(i, { cpu: x.cpu * x.used, mem: x.mem * x.used * 0.7 }));
        const group = spec.map((x) => x.group);
        const all = fragmentationByGroup(hosts, shape, group, 4);
        for (let g = 0; g < 4; g++) expect(all[g]).toBe(fragmentation(hosts, shape, (h) => group[h] === g));
      }),
    );
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
