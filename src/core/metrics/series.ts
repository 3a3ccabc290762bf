/**
 * Time series sampled at a fixed simulated interval: one shared time column and any number of
 * named value columns, stored in growable Float64Arrays (only [0, length) is valid).
 */
export interface SeriesColumn {
  readonly name: string;
  data: Float64Array;
}

export class SeriesStore {
  length = 0;
  time = new Float64Array(256);
  readonly columns: SeriesColumn[] = [];
  private readonly byName = new Map<string, number>();

  /** Adds a column and returns its index (call before the first sample). */
  addColumn(name: string): number {
    const existing = this.byName.get(name);
    if (existing !== undefined) return existing;
    this.columns.push({ name, data: new Float64Array(this.time.length) });
    this.byName.set(name, this.columns.length - 1);
    return this.columns.length - 1;
  }

  column(name: string): Float64Array | undefined {
    const i = this.byName.get(name);
    return i === undefined ? undefined : this.columns[i]!.data.subarray(0, this.length);
  }

  /** Starts a new row at time t; fill it with `set`. */
  beginRow(t: number): number {
    if (this.length === this.time.length) this.grow();
    const row = this.length++;
    this.time[row] = t;
    return row;
  }

  set(column: number, row: number, value: number): void {
    this.columns[column]!.data[row] = value;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const t = new Float64Array(cap);
    t.set(this.time);
    this.time = t;
    for (const c of this.columns) {
      const d = new Float64Array(cap);
      d.set(c.data);
      c.data = d;
    }
  }
}

/**
 * Batch means: the post-warm-up period is cut into B equal batches of simulated time; each
 * observation is added to the batch of its request's arrival time. The batch averages are nearly
 * independent in a long run, so a Student-t interval over them is an honest confidence interval
 * for the steady-state mean (unlike a naive interval over autocorrelated single observations).
 */
export const BATCHES = 20;
/** Two-sided 95 % Student t quantile for BATCHES − 1 = 19 degrees of freedom. */
const T_975_19 = 2.093024054;

export class BatchMeans {
  readonly sums = new Float64Array(BATCHES);
  readonly counts = new Float64Array(BATCHES);

  constructor(
    private readonly start: number,
    private readonly length: number,
  ) {}

  add(arrivalTime: number, value: number): void {
    let b = Math.floor(((arrivalTime - this.start) / this.length) * BATCHES);
    if (b < 0) return;
    if (b >= BATCHES) b = BATCHES - 1;
    this.sums[b]! += value;
    this.counts[b]!++;
  }

  /** Mean over batches and the 95 % half-width; null half-width when batches are missing. */
  interval(): { mean: number; halfWidth: number | null } {
    let total = 0;
    let n = 0;
    const means: number[] = [];
    for (let b = 0; b < BATCHES; b++) {
      total += this.sums[b]!;
      n += this.counts[b]!;
      if (this.counts[b]! > 0) means.push(this.sums[b]! / this.counts[b]!);
    }
    const mean = n > 0 ? total / n : NaN;
    if (means.length < BATCHES) return { mean, halfWidth: null };
    let mm = 0;
    for (const m of means) mm += m;
    mm /= BATCHES;
    let ss = 0;
    for (const m of means) ss += (m - mm) * (m - mm);
    const sd = Math.sqrt(ss / (BATCHES - 1));
    return { mean, halfWidth: (T_975_19 * sd) / Math.sqrt(BATCHES) };
  }
}
