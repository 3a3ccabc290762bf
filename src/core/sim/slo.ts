import type { ServiceRuntime } from '../model/service';
import { durationSeconds } from '../scenario/duration';
import type { ServiceSpec } from '../scenario/schema';

type SloSpec = NonNullable<ServiceSpec['slo']>;

/** One objective window's verdict. */
export interface SloWindow {
  start: number;
  end: number;
  requests: number;
  /** Fraction of requests answered successfully (null without requests). */
  availability: number | null;
  /** The objective's latency percentile over the window's successful requests (null without). */
  latency: number | null;
  availabilityMet: boolean | null;
  latencyMet: boolean | null;
}

export interface SloBreach {
  objective: 'availability' | 'latency';
  from: number;
  to: number;
  /** The worst value seen in the breach. */
  worst: number;
}

export interface SloReport {
  objectives: { availability: number | null; latency: { percentile: number; threshold: number } | null; window: number };
  windows: { total: number; met: number; breached: number };
  overall: {
    requests: number;
    availability: number | null;
    availabilityMet: boolean | null;
    /** Successful requests slower than the latency threshold, as a fraction of successful requests. */
    slowFraction: number | null;
    latencyMet: boolean | null;
    /**
     * Error budget left, as a fraction of the budget (1 = untouched, 0 = spent, negative =
     * overspent). Availability: allowed failures = (1 − target) × requests. Latency: allowed slow
     * requests = (1 − percentile) × successful requests. The smaller of the two is reported.
     */
    errorBudgetRemaining: number | null;
  };
  /** Maximal runs of consecutive breached windows, per objective. */
  breaches: SloBreach[];
  /** Every window (measured period only). */
  history: SloWindow[];
}

/**
 * Service-level objectives (the course's "SLA verification"): availability and a latency
 * percentile, checked over consecutive windows and over the whole measured period, with the error
 * budget left and the moments they broke.
 */
export class SloTracker {
  readonly window: number;
  private readonly availability: number | null;
  private readonly percentile: number | null;
  private readonly threshold: number;
  private readonly history: SloWindow[] = [];
  private lastClose = 0;

  constructor(
    spec: SloSpec,
    private readonly svc: ServiceRuntime,
    private readonly warmup: number,
  ) {
    this.window = durationSeconds(spec.window);
    this.availability = spec.availability ?? null;
    this.percentile = spec.latency?.percentile ?? null;
    this.threshold = spec.latency ? durationSeconds(spec.latency.threshold) : Infinity;
  }

  /** Closes the window ending now and starts the next. */
  closeWindow(now: number): void {
    const s = this.svc;
    const good = s.sloGood;
    const bad = s.sloBad;
    const total = good + bad;
    const start = this.lastClose;
    this.lastClose = now;
    const latency = this.percentile !== null && s.sloLatency.count > 0 ? s.sloLatency.quantile(this.percentile) : null;
    s.sloGood = 0;
    s.sloBad = 0;
    s.sloSlow = 0;
    s.sloLatency.reset();
    if (now <= this.warmup || now <= start) return;
    const availability = total > 0 ? good / total : null;
    this.history.push({
      start,
      end: now,
      requests: total,
      availability,
      latency,
      availabilityMet: this.availability === null || availability === null ? null : availability >= this.availability,
      latencyMet: this.percentile === null || latency === null ? null : latency <= this.threshold,
    });
  }

  /** A cheap summary for live display. */
  status(): { windows: number; breached: number; last: SloWindow | null } {
    let breached = 0;
    for (const w of this.history) if (w.availabilityMet === false || w.latencyMet === false) breached++;
    return { windows: this.history.length, breached, last: this.history[this.history.length - 1] ?? null };
  }

  report(): SloReport {
    const s = this.svc;
    const ok = s.completed[1]!;
    const failed = s.dropped[1]! + s.timedOut[1]! + s.errors[1]!;
    const requests = ok + failed;
    const availability = requests > 0 ? ok / requests : null;
    const slowFraction = ok > 0 ? s.slowTotal[1]! / ok : null;
    const budgets: number[] = [];
    if (this.availability !== null && requests > 0) {
      const allowed = (1 - this.availability) * requests;
      budgets.push(1 - failed / allowed);
    }
    if (this.percentile !== null && ok > 0) {
      const allowed = (1 - this.percentile) * ok;
      budgets.push(1 - s.slowTotal[1]! / allowed);
    }
    const breaches: SloBreach[] = [];
    for (const objective of ['availability', 'latency'] as const) {
      let open: SloBreach | null = null;
      for (const w of this.history) {
        const met = objective === 'availability' ? w.availabilityMet : w.latencyMet;
        const value = objective === 'availability' ? w.availability : w.latency;
        if (met === false) {
          if (open && open.to === w.start) {
            open.to = w.end;
            open.worst = objective === 'availability' ? Math.min(open.worst, value!) : Math.max(open.worst, value!);
          } else {
            open = { objective, from: w.start, to: w.end, worst: value! };
            breaches.push(open);
          }
        }
      }
    }
    breaches.sort((a, b) => a.from - b.from || (a.objective < b.objective ? -1 : 1));
    const met = this.history.filter((w) => w.availabilityMet !== false && w.latencyMet !== false).length;
    return {
      objectives: {
        availability: this.availability,
        latency: this.percentile === null ? null : { percentile: this.percentile, threshold: this.threshold },
        window: this.window,
      },
      windows: { total: this.history.length, met, breached: this.history.length - met },
      overall: {
        requests,
        availability,
        availabilityMet: this.availability === null || availability === null ? null : availability >= this.availability,
        slowFraction,
        latencyMet: this.percentile === null || slowFraction === null ? null : slowFraction <= 1 - this.percentile,
        errorBudgetRemaining: budgets.length > 0 ? Math.min(...budgets) : null,
      },
      breaches,
      history: this.history.map((w) => ({ ...w })),
    };
  }
}
