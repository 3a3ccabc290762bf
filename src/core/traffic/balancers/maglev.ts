import type { RandomStream } from '../../engine/random';
import { hashWord, keyHash } from './hash';
import type { BalancerOptions, LoadBalancer, LoadBalancerFactory, ReplicaView } from './types';

/**
 * Maglev hashing (Eisenbud et al., "Maglev: A Fast and Reliable Software Network Load Balancer",
 * NSDI 2016, section 3.4), with Envoy's default table size.
 *
 * Table: M = `options.tableSize` entries (default 65537; must be a prime, so every skip below
 * generates a full permutation of 0..M−1). Each healthy replica i has the preference list
 * permutation_i[j] = (offset_i + j × skip_i) mod M with offset_i = h1(i) mod M and
 * skip_i = h2(i) mod (M − 1) + 1, where h1, h2 are MurmurHash3_x86_32 of the replica index under
 * two per-balancer seeds (rng draws at creation). Population: the healthy replicas take turns in
 * index order; at its turn a replica claims the next entry of its preference list not yet taken;
 * this repeats until all M entries are filled. Every replica therefore ends with ⌊M/h⌋ or
 * ⌈M/h⌉ entries (near-perfect balance).
 *
 * Weighted variant: in round r (r = 1, 2, ...) replica i takes its turn only while
 * entries_i × maxWeight < r × weight_i, so entries end up proportional to weight; with equal
 * weights every replica takes every turn and this is exactly the paper's algorithm.
 *
 * Lookup: table[hash(key) mod M], O(1). The table is rebuilt (O(M) expected, O(M log M) for the
 * paper's bound) at the first pick after membershipChanged, or when the entry found is unhealthy.
 * When a replica leaves, its entries go to others and some other entries shift too: the paper
 * and Envoy note roughly twice the minimal disruption of a ring.
 */
class Maglev implements LoadBalancer {
  private readonly seedOffset: number;
  private readonly seedSkip: number;
  private readonly salt: number;
  private readonly table: Int32Array;
  private builtFor = -1; // view size at the last build; -1 = stale

  constructor(
    rng: RandomStream,
    private readonly size: number,
  ) {
    this.seedOffset = rng.uint32();
    this.seedSkip = rng.uint32();
    this.salt = rng.uint32();
    this.table = new Int32Array(size);
  }

  pick(view: ReplicaView, key: number): number {
    if (this.builtFor !== view.size) this.rebuild(view);
    const slot = keyHash(this.salt, key) % this.size;
    let r = this.table[slot] as number;
    if (!view.healthy(r)) {
      this.rebuild(view);
      r = this.table[slot] as number;
    }
    return r;
  }

  membershipChanged(): void {
    this.builtFor = -1;
  }

  /** Entries held by each replica index in the current table (for tests and diagnostics). */
  entriesPerReplica(n: number): Int32Array {
    const out = new Int32Array(n);
    for (const r of this.table) out[r]!++;
    return out;
  }

  private rebuild(view: ReplicaView): void {
    const n = view.size;
    const m = this.size;
    const ids: number[] = [];
    let maxWeight = 0;
    for (let i = 0; i < n; i++) {
      if (view.healthy(i)) {
        ids.push(i);
        maxWeight = Math.max(maxWeight, view.weight(i));
      }
    }
    const h = ids.length;
    if (h === 0) throw new Error('load balancer: pick() called with no healthy replica');
    const pos = new Float64Array(h); // next candidate entry of each replica's permutation
    const skip = new Float64Array(h);
    const weight = new Float64Array(h);
    const taken = new Float64Array(h); // entries claimed so far
    for (let j = 0; j < h; j++) {
      const i = ids[j] as number;
      pos[j] = hashWord(this.seedOffset, i) % m;
      skip[j] = (hashWord(this.seedSkip, i) % (m - 1)) + 1;
      weight[j] = view.weight(i);
    }
    const table = this.table;
    table.fill(-1);
    let filled = 0;
    for (let round = 1; filled < m; round++) {
      for (let j = 0; j < h && filled < m; j++) {
        if ((taken[j] as number) * maxWeight >= round * (weight[j] as number)) continue;
        let c = pos[j] as number;
        const s = skip[j] as number;
        while ((table[c] as number) >= 0) {
          c += s;
          if (c >= m) c -= m;
        }
        table[c] = ids[j] as number;
        c += s;
        pos[j] = c >= m ? c - m : c;
        taken[j]!++;
        filled++;
      }
    }
    this.builtFor = n;
  }
}

function isPrime(m: number): boolean {
  if (m < 2) return false;
  if (m % 2 === 0) return m === 2;
  for (let d = 3; d * d <= m; d += 2) if (m % d === 0) return false;
  return true;
}

function tableSizeOf(options: BalancerOptions): number {
  const m = options.tableSize ?? 65537;
  if (!Number.isInteger(m) || m < 3 || m > 0x7fffffff || !isPrime(m)) {
    throw new RangeError(`maglev: tableSize must be a prime ≥ 3, got ${m}`);
  }
  return m;
}

export const maglev: LoadBalancerFactory = (rng, options) => new Maglev(rng, tableSizeOf(options));
