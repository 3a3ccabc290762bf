/**
 * Store publishes paced by the display. While a run plays, snapshots arrive up to ~30 times a
 * second, out of step with the screen; publishing each into the stores at once renders between
 * frames, sometimes twice in one. Here publishes wait for the next animation frame, keyed so only
 * the latest of a kind runs: light ones (the clock, counters) all in that frame, heavy ones (the
 * infrastructure's live state, the series, the charts) at most one per frame, so the costly
 * renders land in different frames instead of piling up in one. A hidden page gets no animation
 * frames; a timer publishes everything then, so the stores never fall behind for long.
 */

type Job = () => void;

const light = new Map<string, Job>();
/** Heavy jobs in the order they were first asked for (a newer job of a kind keeps its place). */
const heavy = new Map<string, Job>();
let frame: number | null = null;
let fallback: ReturnType<typeof setTimeout> | null = null;

/** Longest a publish waits when no animation frame comes (a hidden tab). */
const FALLBACK_MS = 250;

function hasFrames(): boolean {
  return typeof requestAnimationFrame === 'function';
}

function request(): void {
  if (frame === null) frame = requestAnimationFrame(onFrame);
  fallback ??= setTimeout(onFallback, FALLBACK_MS);
}

function pageVisible(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'visible';
}

/**
 * No frame came in time. A hidden page gets none: publish everything. A visible page is only busy
 * (frames come late): publish as a frame would (the light jobs and one heavy one), so the heavy
 * renders stay spread out instead of landing all in one long task.
 */
function onFallback(): void {
  fallback = null;
  if (!pageVisible()) {
    flushAll();
    return;
  }
  runFrameJobs();
}

function onFrame(): void {
  frame = null;
  runFrameJobs();
}

/** The light jobs and the first heavy one; asks for another frame while heavy jobs wait. */
function runFrameJobs(): void {
  const jobs = [...light.values()];
  light.clear();
  const next = heavy.entries().next();
  if (!next.done) {
    heavy.delete(next.value[0]);
    jobs.push(next.value[1]);
  }
  if (fallback !== null) {
    clearTimeout(fallback);
    fallback = null;
  }
  if (heavy.size > 0) request();
  run(jobs);
}

function run(jobs: Job[]): void {
  for (const job of jobs) {
    try {
      job();
    } catch (e) {
      console.error('[cumulo] a store publish failed', e);
    }
  }
}

/** Runs every waiting publish now (a pause, a reset, a command's answer: show the state at once). */
export function flushAll(): void {
  if (frame !== null) cancelAnimationFrame(frame);
  frame = null;
  if (fallback !== null) clearTimeout(fallback);
  fallback = null;
  const jobs = [...light.values(), ...heavy.values()];
  light.clear();
  heavy.clear();
  run(jobs);
}

/**
 * Runs `job` in the next animation frame (the latest job of `key` wins). `heavy`: at most one heavy
 * job per frame. Without animation frames (tests in Node) it runs at once.
 */
export function publishInFrame(key: string, job: Job, isHeavy = false): void {
  if (!hasFrames()) {
    job();
    return;
  }
  if (isHeavy) {
    light.delete(key);
    heavy.set(key, job);
  } else {
    heavy.delete(key);
    light.set(key, job);
  }
  request();
}

/** Forgets a waiting publish of `key` (its state was published another way, or is stale). */
export function cancelPublish(key: string): void {
  light.delete(key);
  heavy.delete(key);
}
