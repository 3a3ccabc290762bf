/**
 * Beats from inside long synchronous work. A worker busy in one call cannot answer the page's
 * pings, so every loop that can run for long (a run to the end, a re-run, a keep-alive comparison,
 * a catch-up, the phases of a load or an import) calls `beat()` between slices; at most one beat a
 * `everyMs` of wall time goes out (posted outside Comlink: see `BEAT_MESSAGE` in ./wire). The page's
 * heartbeat then allows only the silence of one slice, a few seconds, for every kind of call.
 */
export const BUSY_BEAT_MS = 250;

/** Events a simulation runs between two calls of `beat()` inside a long run. */
export const BEAT_CHUNK_EVENTS = 20_000;

export class BusyBeat {
  private last: number;

  constructor(
    private readonly clock: () => number,
    private readonly sink: (() => void) | undefined,
    private readonly everyMs = BUSY_BEAT_MS,
  ) {
    this.last = clock();
  }

  /** Sends a beat when the last one is at least `everyMs` old (cheap enough to call every slice). */
  beat(): void {
    if (!this.sink) return;
    const t = this.clock();
    if (t - this.last < this.everyMs) return;
    this.last = t;
    this.sink();
  }
}

/** The shape of a simulation a long run drives (the core's Simulation has it). */
export interface Runnable {
  readonly finished: boolean;
  readonly endTime: number;
  runUntil(t: number, maxEvents?: number): number;
}

/**
 * Runs `sim` to its end in slices of `BEAT_CHUNK_EVENTS`, beating between them. The same events run
 * in the same order as in one `runUntil(endTime)` (the kernel resumes where a slice stopped).
 */
export function runOutBeating(sim: Runnable, beat: () => void): void {
  while (!sim.finished) {
    const n = sim.runUntil(sim.endTime, BEAT_CHUNK_EVENTS);
    beat();
    if (n === 0 && !sim.finished) break; // the core could not move on
  }
}
