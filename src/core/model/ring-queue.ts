/** A FIFO of integers (request or replica ids) in a growable ring buffer. */
export class RingQueue {
  private buf: Int32Array;
  private head = 0;
  private len = 0;

  constructor(initial = 16) {
    this.buf = new Int32Array(Math.max(2, initial));
  }

  get length(): number {
    return this.len;
  }

  push(v: number): void {
    if (this.len === this.buf.length) this.grow();
    let i = this.head + this.len;
    if (i >= this.buf.length) i -= this.buf.length;
    this.buf[i] = v;
    this.len++;
  }

  /** Removes and returns the oldest value; -1 when empty. */
  shift(): number {
    if (this.len === 0) return -1;
    const v = this.buf[this.head]!;
    this.head++;
    if (this.head === this.buf.length) this.head = 0;
    this.len--;
    return v;
  }

  private grow(): void {
    const next = new Int32Array(this.buf.length * 2);
    for (let k = 0; k < this.len; k++) {
      let i = this.head + k;
      if (i >= this.buf.length) i -= this.buf.length;
      next[k] = this.buf[i]!;
    }
    this.buf = next;
    this.head = 0;
  }
}
