/**
 * The order in which the scheduler tries pending instances: kube-scheduler's QueueSort extension
 * point, with fair-share policies in the manner of YARN's DRF policy and Mesos' DRF allocator.
 * Higher priority always comes first. Within one priority:
 *
 * - `fifo`: oldest first (creation time, then index): Kubernetes' default PrioritySort;
 * - `drf`: Dominant Resource Fairness (Ghodsi et al., NSDI 2011) applied one placement at a time:
 *   the next instance is the oldest one of the tenant whose dominant share (its largest share of
 *   cluster vCPU or memory, counting its instances already bound) is lowest; each placement raises
 *   that tenant's share before the next pick (progressive filling);
 * - `weighted`: the same with dominant share / tenant weight (weighted DRF).
 *
 * Ties go to the tenant whose candidate is older. Untenanted instances form one more tenant
 * (weight 1). A tenant whose candidate does not fit is not blocked: its next instance is offered
 * at its next turn. Preemption victims are not taken off the shares during a pass.
 */
import { dominantShare } from './fairness';

export const QUEUE_POLICIES = ['fifo', 'drf', 'weighted'] as const;
export type QueuePolicy = (typeof QUEUE_POLICIES)[number];

/** What the order needs of a pending instance. */
export interface Queued {
  readonly cpu: number;
  readonly mem: number;
  readonly req: { readonly tenant: string | null; readonly priority: number };
}

export class PendingOrder<T extends Queued> {
  private pos = 0;
  /** drf/weighted: the current priority level's per-tenant queues. */
  private readonly queues = new Map<string, { items: T[]; at: number[]; head: number }>();
  private readonly share = new Map<string, number>();
  private readonly alloc: Map<string, { cpu: number; mem: number }>;

  /**
   * @param items pending instances sorted by priority (highest first), then age
   * @param alloc per tenant ('' untenanted), requests of its instances bound to hosts
   * @param capacity allocatable vCPU and GiB of the working hosts
   * @param weights per tenant (default 1; used by `weighted` only)
   */
  constructor(
    private readonly policy: QueuePolicy,
    private readonly items: readonly T[],
    alloc: ReadonlyMap<string, { cpu: number; mem: number }>,
    private readonly capacity: { cpu: number; mem: number },
    private readonly weights: ReadonlyMap<string, number>,
  ) {
    this.alloc = new Map([...alloc].map(([k, v]) => [k, { ...v }]));
    for (const k of this.alloc.keys()) this.refresh(k);
  }

  private refresh(key: string): void {
    const a = this.alloc.get(key) ?? { cpu: 0, mem: 0 };
    const w = this.policy === 'weighted' ? (this.weights.get(key) ?? 1) : 1;
    this.share.set(key, dominantShare([a.cpu, a.mem], [this.capacity.cpu, this.capacity.mem]) / w);
  }

  /** The dominant share (divided by the weight under `weighted`) a tenant's next pick compares. */
  key(tenant: string | null): number {
    return this.share.get(tenant ?? '') ?? 0;
  }

  /** The next instance to try, or null when every pending instance was offered. */
  next(): T | null {
    if (this.policy === 'fifo') return this.items[this.pos++] ?? null;
    if (this.queues.size === 0) {
      // Open the next priority level.
      if (this.pos >= this.items.length) return null;
      const p = this.items[this.pos]!.req.priority;
      while (this.pos < this.items.length && this.items[this.pos]!.req.priority === p) {
        const it = this.items[this.pos]!;
        const k = it.req.tenant ?? '';
        let q = this.queues.get(k);
        if (!q) this.queues.set(k, (q = { items: [], at: [], head: 0 }));
        q.items.push(it);
        q.at.push(this.pos++);
      }
    }
    let best: string | null = null;
    let bestKey = Infinity;
    let bestAge = Infinity;
    for (const [k, q] of this.queues) {
      const s = this.share.get(k) ?? 0;
      // Age: position in the original order (items are sorted by age within a level).
      const age = q.at[q.head]!;
      if (s < bestKey || (s === bestKey && age < bestAge)) {
        best = k;
        bestKey = s;
        bestAge = age;
      }
    }
    const q = this.queues.get(best!)!;
    const it = q.items[q.head++]!;
    if (q.head >= q.items.length) this.queues.delete(best!);
    return it;
  }

  /** The instance was bound: its tenant's share grows before the next pick. */
  placed(it: T): void {
    if (this.policy === 'fifo') return;
    const k = it.req.tenant ?? '';
    const a = this.alloc.get(k);
    if (a) {
      a.cpu += it.cpu;
      a.mem += it.mem;
    } else this.alloc.set(k, { cpu: it.cpu, mem: it.mem });
    this.refresh(k);
  }
}
