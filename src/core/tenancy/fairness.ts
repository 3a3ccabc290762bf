/**
 * Fairness between tenants. Dominant Resource Fairness (Ghodsi et al., NSDI 2011): a tenant's
 * dominant share is its largest share of any one resource; DRF's progressive filling gives the next
 * task to the tenant with the lowest (weighted) dominant share. Jain's index (Σx)²/(n·Σx²)
 * summarises how even an allocation is: 1 when every x is equal, 1/n when one tenant has it all.
 */

/** Jain's fairness index of non-negative values; 1 for none or all zero (nothing to be unfair about). */
export function jainIndex(xs: readonly number[]): number {
  let sum = 0;
  let sq = 0;
  for (const x of xs) {
    sum += x;
    sq += x * x;
  }
  if (xs.length === 0 || sq === 0) return 1;
  // At most 1 (Cauchy–Schwarz); the clamp only absorbs rounding.
  return Math.min(1, (sum * sum) / (xs.length * sq));
}

/** The largest share over resources: max_r used[r] / capacity[r] (resources of capacity 0 are skipped). */
export function dominantShare(used: readonly number[], capacity: readonly number[]): number {
  let d = 0;
  for (let r = 0; r < capacity.length; r++) {
    const c = capacity[r]!;
    if (c > 0) d = Math.max(d, used[r]! / c);
  }
  return d;
}

export interface DrfResult {
  /** Tasks given to each user. */
  tasks: number[];
  /** Each user's allocation per resource (tasks × demand). */
  allocation: number[][];
  /** Each user's dominant share (unweighted). */
  dominantShares: number[];
  /** Total used per resource. */
  used: number[];
}

/**
 * DRF progressive filling: repeatedly pick the user with the lowest dominant share / weight (ties:
 * the lower index) whose next task still fits, and give it one task. A user whose next task no
 * longer fits is done; filling stops when every user is done, or has `maxTasks` tasks. Users whose
 * demand is zero on every resource get no tasks (they would fill forever).
 *
 * @param capacity  total of each resource
 * @param demands   per user, the demand of one task on each resource
 * @param weights   per user (default 1): weighted DRF equalises dominant share / weight
 * @param maxTasks  per user, the most tasks it wants (default unbounded)
 */
export function drfAllocate(
  capacity: readonly number[],
  demands: ReadonlyArray<readonly number[]>,
  weights?: readonly number[],
  maxTasks?: readonly number[],
): DrfResult {
  const n = demands.length;
  const m = capacity.length;
  for (let u = 0; u < n; u++) {
    if (demands[u]!.length !== m) throw new Error(`user ${u} demands ${demands[u]!.length} resources, the capacity has ${m}`);
    if (demands[u]!.some((x) => !(x >= 0))) throw new Error(`user ${u} has a negative or missing demand`);
    const w = weights?.[u] ?? 1;
    if (!(w > 0)) throw new Error(`user ${u} has weight ${w}: weights must be greater than 0`);
  }
  const used = new Array<number>(m).fill(0);
  const tasks = new Array<number>(n).fill(0);
  const allocation = demands.map(() => new Array<number>(m).fill(0));
  const share = new Array<number>(n).fill(0);
  const done = demands.map((d, u) => d.every((x) => x === 0) || (maxTasks?.[u] ?? Infinity) <= 0);
  const eps = 1e-12;
  for (;;) {
    let best = -1;
    let bestKey = Infinity;
    for (let u = 0; u < n; u++) {
      if (done[u]) continue;
      const key = share[u]! / (weights?.[u] ?? 1);
      if (key < bestKey) {
        bestKey = key;
        best = u;
      }
    }
    if (best < 0) break;
    const d = demands[best]!;
    let fits = true;
    for (let r = 0; r < m; r++) if (used[r]! + d[r]! > capacity[r]! * (1 + eps) + eps) fits = false;
    if (!fits) {
      done[best] = true;
      continue;
    }
    const a = allocation[best]!;
    for (let r = 0; r < m; r++) {
      used[r]! += d[r]!;
      a[r]! += d[r]!;
    }
    tasks[best]!++;
    share[best] = dominantShare(a, capacity);
    if (tasks[best]! >= (maxTasks?.[best] ?? Infinity)) done[best] = true;
  }
  return { tasks, allocation, dominantShares: share, used };
}

/** One tenant's shares of the cluster at a sample. */
export interface TenantShares {
  tenant: string;
  cpuShare: number;
  memShare: number;
  dominantShare: number;
}

/** A sample of fairness over tenants: their shares and Jain's index over dominant share / weight. */
export interface FairnessSample {
  tenants: TenantShares[];
  jain: number;
}

/**
 * Shares of allocated requests in total allocatable capacity, per tenant, and Jain's index over
 * dominant share / weight.
 */
export function fairnessSample(
  tenants: readonly string[],
  weights: readonly number[],
  allocated: ReadonlyArray<{ cpu: number; mem: number }>,
  capacity: { cpu: number; mem: number },
): FairnessSample {
  const cap = [capacity.cpu, capacity.mem];
  const out: TenantShares[] = tenants.map((tenant, i) => {
    const a = allocated[i]!;
    return {
      tenant,
      cpuShare: capacity.cpu > 0 ? a.cpu / capacity.cpu : 0,
      memShare: capacity.mem > 0 ? a.mem / capacity.mem : 0,
      dominantShare: dominantShare([a.cpu, a.mem], cap),
    };
  });
  return { tenants: out, jain: jainIndex(out.map((t, i) => t.dominantShare / weights[i]!)) };
}
