import { pow } from '../engine/detmath';
import type { RandomStream } from '../engine/random';
import { fmix32 } from './balancers/hash';

/**
 * Client populations: each request comes from one of `count` clients, chosen uniformly or by a
 * Zipf law (client k, ranked from 1, with probability ∝ 1/k^skew — a few hot clients send most of
 * the traffic, as in real web logs). The request's affinity key is a 32-bit hash of its client id,
 * which hash-based balancers route on.
 */
export interface ClientPicker {
  /** The affinity key (uint32) of the next request's client. */
  nextKey(): number;
}

/** A well-mixed 32-bit hash of an integer (murmur3's finaliser). */
export function mix32(x: number): number {
  return fmix32(x | 0);
}

class UniformClients implements ClientPicker {
  constructor(
    private readonly count: number,
    private readonly salt: number,
    private readonly rng: RandomStream,
  ) {}
  nextKey(): number {
    return mix32(this.rng.below(this.count) ^ this.salt);
  }
}

/** Zipf by inversion of a precomputed CDF (binary search: O(log count) per draw). */
class ZipfClients implements ClientPicker {
  private readonly cdf: Float64Array;
  constructor(
    count: number,
    skew: number,
    private readonly salt: number,
    private readonly rng: RandomStream,
  ) {
    this.cdf = new Float64Array(count);
    let total = 0;
    for (let k = 0; k < count; k++) {
      total += 1 / pow(k + 1, skew);
      this.cdf[k] = total;
    }
    for (let k = 0; k < count; k++) this.cdf[k]! /= total;
  }
  nextKey(): number {
    const u = this.rng.next();
    const cdf = this.cdf;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return mix32(lo ^ this.salt);
  }
}

export interface ClientSpec {
  count: number;
  popularity: 'uniform' | 'zipf';
  skew: number;
}

/** `salt` distinguishes the client ids of different workloads (two populations, two id spaces). */
export function makeClientPicker(spec: ClientSpec, salt: number, rng: RandomStream): ClientPicker {
  return spec.popularity === 'zipf' ? new ZipfClients(spec.count, spec.skew, salt, rng) : new UniformClients(spec.count, salt, rng);
}
