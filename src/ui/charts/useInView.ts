/**
 * Charts below the fold need not redraw on every update: `useHeldWhileHidden` returns the value
 * as it was when its element was last on screen, and the live value again once it scrolls back
 * into view (recharts redraws whole SVG charts, the largest cost of a busy console).
 */
import { useCallback, useEffect, useState } from 'react';

/**
 * A callback ref for the element to watch and whether it is (partly) in the viewport: true until
 * known, and where there is no IntersectionObserver. Follows the element if it is replaced.
 */
export function useInView<T extends Element>(): [(el: T | null) => void, boolean] {
  const [el, setEl] = useState<T | null>(null);
  const [inView, setInView] = useState(true);
  useEffect(() => {
    // No element or no observer: keep the last answer (true at first); a new element reports at once.
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1];
      if (last) setInView(last.isIntersecting);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [el]);
  const ref = useCallback((node: T | null) => setEl(node), []);
  return [ref, inView];
}

/**
 * `value` while the element is in view; the last value seen in view while it is not, once that
 * value is `worthHolding` (an empty chart keeps filling in off screen). Returns the ref to attach too.
 */
export function useHeldWhileHidden<V, T extends Element = HTMLDivElement>(value: V, worthHolding: (v: V) => boolean = () => true): [V, (el: T | null) => void] {
  const [ref, inView] = useInView<T>();
  const [held, setHeld] = useState(value);
  const live = inView || !worthHolding(held);
  // Adjusting state while rendering (React's pattern for state derived from props): no extra commit.
  if (live && held !== value) setHeld(value);
  return [live ? value : held, ref];
}
