/**
 * Timers for SimService in a browser worker. A max-speed run yields every ~25 ms with a zero-delay
 * timer so commands get through; browsers clamp a chain of setTimeout(0) calls to 4 ms each after
 * a few links (measured in Chromium's workers: 4.4 ms per yield, against 0.03 ms for a message on a
 * MessageChannel), which left the worker idle for about a seventh of a max-speed run. Zero-delay
 * timers here go through a MessageChannel instead; longer ones stay setTimeout.
 */

interface Job {
  fn: () => void;
  cancelled: boolean;
}

export interface Timers {
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
}

/** setTimer/clearTimer for SimService's options; plain setTimeout when MessageChannel is missing. */
export function unclampedTimers(): Timers {
  if (typeof MessageChannel === 'undefined') {
    return { setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
  }
  const channel = new MessageChannel();
  const queue: Job[] = [];
  channel.port1.onmessage = () => {
    const job = queue.shift();
    if (job && !job.cancelled) job.fn();
  };
  return {
    setTimer(fn, ms) {
      if (ms > 0) return setTimeout(fn, ms);
      const job: Job = { fn, cancelled: false };
      queue.push(job);
      channel.port2.postMessage(null);
      return job;
    },
    clearTimer(handle) {
      if (handle !== null && typeof handle === 'object' && 'cancelled' in handle) (handle as Job).cancelled = true;
      else clearTimeout(handle as ReturnType<typeof setTimeout>);
    },
  };
}
