/** The console's keyboard shortcuts (what the help dialog lists) and the dialog's focus trap. */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { shortcutMessages } from './messages';

export interface Shortcut {
  keys: string[];
  /** What the keys do: a key of the shortcuts catalog (messages.ts). */
  action: keyof typeof shortcutMessages.en;
}

/** Every key the console binds, in the order the dialog lists them. */
export const SHORTCUTS: ReadonlyArray<Shortcut> = [
  { keys: ['Space'], action: 'playPause' },
  { keys: ['.'], action: 'step' },
  { keys: ['p'], action: 'presenter' },
  { keys: ['Ctrl + Z'], action: 'undo' },
  { keys: ['Ctrl + Shift + Z', 'Ctrl + Y'], action: 'redo' },
  { keys: ['?'], action: 'help' },
  { keys: ['Esc'], action: 'closeDialog' },
  { keys: ['Tab', 'Shift + Tab'], action: 'focus' },
];

/** Is this key press the "?" that opens the help (Shift + / on US layouts)? */
export function isHelpKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): boolean {
  return e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey;
}

/**
 * Focus trap: where Tab (or Shift+Tab) goes from `current` among `count` focusable elements, or
 * null to let the browser move focus (inside the list, not at an edge). Focus outside (-1) goes to
 * the first (or, with Shift, the last) element.
 */
export function trapFocus(count: number, current: number, shift: boolean): number | null {
  if (count === 0) return null;
  if (current < 0) return shift ? count - 1 : 0;
  if (shift && current === 0) return count - 1;
  if (!shift && current === count - 1) return 0;
  return null;
}

export const shortcutsStore = createStore<{ open: boolean }>()(() => ({ open: false }));

export function useShortcuts<T>(selector: (s: { open: boolean }) => T): T {
  return useStore(shortcutsStore, selector);
}

export const openShortcuts = (): void => shortcutsStore.setState({ open: true });
export const closeShortcuts = (): void => shortcutsStore.setState({ open: false });
