import { describe, expect, it } from 'vitest';
import { isHelpKey, SHORTCUTS, trapFocus } from './shortcuts';

describe('keyboard shortcuts', () => {
  it('lists the keys the console binds', () => {
    const keys = SHORTCUTS.flatMap((s) => s.keys);
    expect(keys).toEqual(expect.arrayContaining(['Space', '.', '?', 'Esc']));
  });

  it('opens the help on "?" only without modifiers', () => {
    const k = { key: '?', ctrlKey: false, metaKey: false, altKey: false };
    expect(isHelpKey(k)).toBe(true);
    expect(isHelpKey({ ...k, ctrlKey: true })).toBe(false);
    expect(isHelpKey({ ...k, key: '/' })).toBe(false);
  });

  it('traps Tab inside the dialog, wrapping at both ends', () => {
    expect(trapFocus(3, 2, false)).toBe(0);
    expect(trapFocus(3, 0, true)).toBe(2);
    expect(trapFocus(3, 1, false)).toBeNull();
    expect(trapFocus(3, 1, true)).toBeNull();
    expect(trapFocus(3, -1, false)).toBe(0);
    expect(trapFocus(3, -1, true)).toBe(2);
    expect(trapFocus(1, 0, false)).toBe(0);
    expect(trapFocus(0, -1, false)).toBeNull();
  });
});
