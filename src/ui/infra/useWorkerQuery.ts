import { useEffect, useRef, useState } from 'react';

/**
 * Asks the worker for `fetch(key)` when `key` changes (at once) and again whenever `trigger`
 * changes, at most every `minIntervalMs` (the last change always gets an answer). Answers for a
 * key no longer shown are dropped. Returns the latest answer for the current key, or null.
 */
export function useWorkerQuery<T>(key: string | null, fetch: (key: string) => Promise<T>, trigger: unknown, minIntervalMs = 250): T | null {
  const [state, setState] = useState<{ key: string; value: T } | null>(null);
  const current = useRef<string | null>(null);
  const lastRun = useRef(-Infinity);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const changedKey = current.current !== key;
    current.current = key;
    if (key === null) return;
    const run = (): void => {
      timer.current = null;
      lastRun.current = performance.now();
      const k = current.current;
      if (k === null) return;
      void fetch(k).then(
        (value) => {
          if (current.current === k) setState({ key: k, value });
        },
        () => undefined,
      );
    };
    if (changedKey && timer.current !== null) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    if (timer.current !== null) return; // a run is already due and will see the latest state
    const wait = changedKey ? 0 : lastRun.current + minIntervalMs - performance.now();
    if (wait <= 0) run();
    else timer.current = setTimeout(run, wait);
  }, [key, trigger, fetch, minIntervalMs]);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
      current.current = null;
    },
    [],
  );

  return state !== null && state.key === key ? state.value : null;
}
