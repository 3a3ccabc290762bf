/**
 * The future-event list: a binary min-heap of event slots ordered by (time, sequence).
 *
 * Every scheduled event gets a strictly increasing sequence number, so two events at the same
 * simulated time always come out in the order they were scheduled: ties are deterministic.
 *
 * Events are plain numbers, not objects: a slot holds `time`, `seq`, a handler `kind` and two
 * integer arguments. The slot arrays grow by doubling and freed slots are reused, so a long run
 * allocates nothing per event. A handle (`EventHandle`) packs the slot and a generation counter,
 * so cancelling an event that already fired (and whose slot was reused) is a harmless no-op.
 */

/** Opaque handle of a scheduled event; `cancel(handle)` removes it if it has not fired yet. */
export type EventHandle = number;

const SLOT_BITS = 24;
const SLOT_MASK = (1 << SLOT_BITS) - 1;
const GEN_LIMIT = 1 << 20; // generation counter wraps (handle stays below 2^44, exact in a double)

export class EventQueue {
  private time: Float64Array;
  private seq: Float64Array;
  private kindArr: Int32Array;
  private argA: Int32Array;
  private argB: Int32Array;
  private gen: Int32Array;
  /** heap[i] = slot index; heapPos[slot] = index in heap or -1 when the slot is free. */
  private heap: Int32Array;
  private heapPos: Int32Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private capacity: number;
  private nextSeq = 0;
  private count = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(16, initialCapacity | 0);
    this.capacity = cap;
    this.time = new Float64Array(cap);
    this.seq = new Float64Array(cap);
    this.kindArr = new Int32Array(cap);
    this.argA = new Int32Array(cap);
    this.argB = new Int32Array(cap);
    this.gen = new Int32Array(cap);
    this.heap = new Int32Array(cap);
    this.heapPos = new Int32Array(cap).fill(-1);
    this.freeSlots = new Int32Array(cap);
    for (let i = 0; i < cap; i++) this.freeSlots[i] = cap - 1 - i;
    this.freeCount = cap;
  }

  /** Number of pending events. */
  get size(): number {
    return this.count;
  }

  /** Sequence number the next scheduled event will get (events scheduled so far). */
  get scheduledCount(): number {
    return this.nextSeq;
  }

  /** Time of the earliest pending event, or +Infinity when the queue is empty. */
  peekTime(): number {
    return this.count === 0 ? Infinity : this.time[this.heap[0]!]!;
  }

  push(time: number, kind: number, a = 0, b = 0): EventHandle {
    if (!(time === time)) throw new RangeError('cannot schedule an event at time NaN');
    if (this.freeCount === 0) this.grow();
    const slot = this.freeSlots[--this.freeCount]!;
    this.time[slot] = time;
    this.seq[slot] = this.nextSeq++;
    this.kindArr[slot] = kind;
    this.argA[slot] = a;
    this.argB[slot] = b;
    const i = this.count++;
    this.heap[i] = slot;
    this.heapPos[slot] = i;
    this.siftUp(i);
    return this.gen[slot]! * (SLOT_MASK + 1) + slot;
  }

  /** Removes the earliest event and returns its slot; read it with the accessors before the next push. */
  popSlot(): number {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap[--this.count]!;
    this.heapPos[top] = -1;
    if (this.count > 0) {
      heap[0] = last;
      this.heapPos[last] = 0;
      this.siftDown(0);
    }
    this.release(top);
    return top;
  }

  slotTime(slot: number): number {
    return this.time[slot]!;
  }
  slotKind(slot: number): number {
    return this.kindArr[slot]!;
  }
  slotA(slot: number): number {
    return this.argA[slot]!;
  }
  slotB(slot: number): number {
    return this.argB[slot]!;
  }

  /** Cancels a pending event. Returns false when it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    const slot = handle & SLOT_MASK;
    const generation = Math.floor(handle / (SLOT_MASK + 1));
    if (slot >= this.capacity || this.gen[slot] !== generation) return false;
    const i = this.heapPos[slot]!;
    if (i < 0) return false;
    const last = this.heap[--this.count]!;
    this.heapPos[slot] = -1;
    if (i < this.count) {
      this.heap[i] = last;
      this.heapPos[last] = i;
      this.siftDown(i);
      this.siftUp(this.heapPos[last]!);
    }
    this.release(slot);
    return true;
  }

  private release(slot: number): void {
    const g = this.gen[slot]! + 1;
    this.gen[slot] = g >= GEN_LIMIT ? 0 : g;
    this.freeSlots[this.freeCount++] = slot;
  }

  private less(x: number, y: number): boolean {
    const tx = this.time[x]!;
    const ty = this.time[y]!;
    return tx < ty || (tx === ty && this.seq[x]! < this.seq[y]!);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const pos = this.heapPos;
    const slot = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const ps = heap[parent]!;
      if (!this.less(slot, ps)) break;
      heap[i] = ps;
      pos[ps] = i;
      i = parent;
    }
    heap[i] = slot;
    pos[slot] = i;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const pos = this.heapPos;
    const n = this.count;
    const slot = heap[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      let cs = heap[l]!;
      if (r < n) {
        const rs = heap[r]!;
        if (this.less(rs, cs)) {
          c = r;
          cs = rs;
        }
      }
      if (!this.less(cs, slot)) break;
      heap[i] = cs;
      pos[cs] = i;
      i = c;
    }
    heap[i] = slot;
    pos[slot] = i;
  }

  private grow(): void {
    const old = this.capacity;
    const cap = old * 2;
    if (cap > SLOT_MASK + 1) throw new RangeError(`event queue is full (${old} pending events)`);
    const f64 = (a: Float64Array): Float64Array => {
      const n = new Float64Array(cap);
      n.set(a);
      return n;
    };
    const i32 = (a: Int32Array, fill = 0): Int32Array => {
      const n = new Int32Array(cap);
      if (fill !== 0) n.fill(fill);
      n.set(a);
      return n;
    };
    this.time = f64(this.time);
    this.seq = f64(this.seq);
    this.kindArr = i32(this.kindArr);
    this.argA = i32(this.argA);
    this.argB = i32(this.argB);
    this.gen = i32(this.gen);
    this.heap = i32(this.heap);
    this.heapPos = i32(this.heapPos, -1);
    this.freeSlots = new Int32Array(cap);
    // Fresh slots old..cap-1 are free; push them so the lowest index is reused first.
    for (let s = cap - 1; s >= old; s--) this.freeSlots[this.freeCount++] = s;
    this.capacity = cap;
  }
}
