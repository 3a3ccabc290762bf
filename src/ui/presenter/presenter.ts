/**
 * Presenter mode: large type and no editing chrome (forms, import and export hidden), for a
 * projector. Remembered in local storage; the top bar's button and the "p" key toggle it.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

const KEY = 'cumulo.presenter';

function readSaved(): boolean {
  try {
    return window.localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export const presenterStore = createStore<{ on: boolean }>()(() => ({ on: readSaved() }));

export function usePresenter(): boolean {
  return useStore(presenterStore, (s) => s.on);
}

export function setPresenter(on: boolean): void {
  presenterStore.setState({ on });
  try {
    if (on) window.localStorage.setItem(KEY, '1');
    else window.localStorage.removeItem(KEY);
  } catch {
    // private mode: it lasts for this page only
  }
}

export const togglePresenter = (): void => setPresenter(!presenterStore.getState().on);

/** Is this key press the presenter toggle ("p", no modifiers)? */
export function isPresenterKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): boolean {
  return (e.key === 'p' || e.key === 'P') && !e.ctrlKey && !e.metaKey && !e.altKey;
}
