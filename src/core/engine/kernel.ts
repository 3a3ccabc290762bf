import { EventQueue, type EventHandle } from './event-queue';

/**
 * A handler receives the two integer arguments it was scheduled with. It reads the clock from the
 * kernel (`kernel.now`) and may schedule further events.
 */
export type EventHandler = (a: number, b: number) => void;

/**
 * The one event loop. The simulated clock moves in exactly one place (`dispatch`), to the time of
 * the event being processed; it never goes backwards. Components register handlers once and get
 * back a small integer `kind` they schedule events with: no closures or objects per event.
 */
export class Kernel {
  private readonly queue = new EventQueue(1024);
  private readonly handlers: EventHandler[] = [];
  private clock = 0;
  private processed = 0;
  private stopRequested = false;

  /** Current simulated time in seconds. */
  get now(): number {
    return this.clock;
  }

  /** Events processed so far. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Events waiting in the future-event list. */
  get pending(): number {
    return this.queue.size;
  }

  /** Time of the next event, or +Infinity when there is none. */
  nextEventTime(): number {
    return this.queue.peekTime();
  }

  /** Registers a handler; the name documents the call site (the loop dispatches by index). */
  register(_name: string, handler: EventHandler): number {
    this.handlers.push(handler);
    return this.handlers.length - 1;
  }

  /** Schedules an event `delay` seconds from now (delay ≥ 0). */
  schedule(delay: number, kind: number, a = 0, b = 0): EventHandle {
    if (!(delay >= 0)) throw new RangeError(`cannot schedule an event in the past (delay ${delay})`);
    return this.queue.push(this.clock + delay, kind, a, b);
  }

  /** Schedules an event at absolute time `time` (≥ now). */
  scheduleAt(time: number, kind: number, a = 0, b = 0): EventHandle {
    if (!(time >= this.clock)) throw new RangeError(`cannot schedule an event at ${time}, before now (${this.clock})`);
    return this.queue.push(time, kind, a, b);
  }

  cancel(handle: EventHandle): boolean {
    return this.queue.cancel(handle);
  }

  /** Asks a running `runUntil` to return after the event being processed. */
  stop(): void {
    this.stopRequested = true;
  }

  /** Processes exactly one event if one is due at or before `limit`. Returns false otherwise. */
  step(limit = Infinity): boolean {
    if (this.queue.size === 0 || this.queue.peekTime() > limit) return false;
    this.dispatch();
    return true;
  }

  /**
   * Processes every event with time ≤ t, in (time, seq) order, then moves the clock to t.
   * Returns early (clock at the last processed event) after `maxEvents` events or when a handler
   * calls `stop()`; call again to resume. Returns the number of events processed.
   */
  runUntil(t: number, maxEvents = Infinity): number {
    this.stopRequested = false;
    const queue = this.queue;
    let n = 0;
    while (n < maxEvents && queue.size > 0 && queue.peekTime() <= t) {
      this.dispatch();
      n++;
      if (this.stopRequested) {
        this.stopRequested = false;
        return n;
      }
    }
    if (n < maxEvents && (queue.size === 0 || queue.peekTime() > t) && t > this.clock && t !== Infinity) {
      this.clock = t;
    }
    return n;
  }

  private dispatch(): void {
    const q = this.queue;
    const slot = q.popSlot();
    // The slot's fields stay readable until the next push, and we read them before calling out.
    const time = q.slotTime(slot);
    const kind = q.slotKind(slot);
    const a = q.slotA(slot);
    const b = q.slotB(slot);
    this.clock = time;
    this.processed++;
    this.handlers[kind]!(a, b);
  }
}
