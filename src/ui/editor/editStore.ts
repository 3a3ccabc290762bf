/**
 * The scenario editor's state: the document being edited (the user's JSON, as the worker loaded
 * it), a bounded undo/redo history of named edits, the issues of the last refused edit, and which
 * element the inspector edits. Every edit is a new document sent to the worker's `load`, which
 * validates it (the schema's own messages) and restarts the run on the same seed; an invalid
 * document changes nothing.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { LoadResult, ScenarioIssue } from '../../workers/sim.worker';
import type { Doc, EditOutcome, ElementRef } from './docEdits';
import type { BlockId } from './blocks/blockEdits';
import { translate } from '../i18n/messages';
import { editorMessages } from './editor.messages';


/** A step of the history: the edit's name and the document before it (past) or after it (future). */
export interface EditEntry {
  name: string;
  doc: Doc;
}

/** The schema's issues with the last edit, for the form (scope) that made it. */
export interface EditIssues {
  scope: string;
  name: string;
  issues: ScenarioIssue[];
}

export interface EditorState {
  /** The loaded document, or null before the first load (or when the worker did not answer). */
  doc: Doc | null;
  /** The link of `doc` (the worker's), used to tell our own reloads from other loads. */
  link: string;
  past: EditEntry[];
  future: EditEntry[];
  /** The edit being validated and loaded, or null. */
  pending: string | null;
  issues: EditIssues | null;
  /** A plain message about the last action (refusal or what was applied). */
  message: { kind: 'error' | 'info'; text: string; notes?: string[] } | null;
  /** The element the inspector edits (services also use the console's selected service). */
  selection: ElementRef | null;
  /** A scenario-wide block (billing, tenants…) the inspector edits instead of an element. */
  block: BlockId | null;
  /** An open context menu on the topology. */
  menu: { ref: ElementRef; x: number; y: number } | null;
}

/** Undo steps kept at most (older ones are dropped). */
export const HISTORY_LIMIT = 100;

export const editorStore = createStore<EditorState>()(() => ({
  doc: null,
  link: '',
  past: [],
  future: [],
  pending: null,
  issues: null,
  message: null,
  selection: null,
  block: null,
  menu: null,
}));

export function useEditor<T>(selector: (s: EditorState) => T): T {
  return useStore(editorStore, selector);
}

/** How the store reaches the worker (the bridge in the page; fakes in tests). */
export interface EditorBackend {
  loadEdited(doc: Doc): Promise<LoadResult>;
}

let backend: EditorBackend | null = null;

export function setEditorBackend(b: EditorBackend | null): void {
  backend = b;
}

/**
 * A document the worker loaded by other means (preset, link, import, apply-and-re-run). It becomes
 * a step of the history, named `name`, so Undo brings the previous scenario back; the redo steps
 * go, as after any edit. Without a previous document (the first load) the history is empty.
 */
export function adoptDocument(doc: unknown, link: string, name = translate(editorMessages, 'loadOther')): void {
  if (editorStore.getState().pending !== null) return;
  const d = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Doc) : null;
  const s = editorStore.getState();
  const prev = s.doc;
  const past = prev !== null && d !== null && link !== s.link ? [...s.past, { name, doc: prev }] : prev === null ? [] : s.past;
  editorStore.setState({
    doc: d,
    link,
    past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past,
    future: prev !== null && link !== s.link ? [] : s.future,
    issues: null,
    pending: null,
    menu: null,
  });
}

/** Forgets the history (a test, or a worker that lost every document). */
export function resetHistory(): void {
  editorStore.setState({ past: [], future: [] });
}

function fail(scope: string, name: string, r: Extract<LoadResult, { ok: false }>): void {
  editorStore.setState({ pending: null, issues: { scope, name, issues: r.errors }, message: { kind: 'error', text: translate(editorMessages, 'notValid', { name }) } });
}

/** Loads `doc` with `pending` set; the caller clears `pending` in the same update that records the outcome. */
async function loadDoc(doc: Doc, name: string): Promise<LoadResult> {
  if (!backend) return { ok: false, errors: [{ path: '', message: translate(editorMessages, 'notConnected') }] };
  editorStore.setState({ pending: name });
  try {
    return await backend.loadEdited(doc);
  } catch (e) {
    return { ok: false, errors: [{ path: '', message: e instanceof Error ? e.message : String(e) }] };
  }
}

/**
 * Applies an edit: `make` turns the current document into the next one (or refuses). The next
 * document is validated and loaded; only then does it become current and enter the history.
 * Resolves to true when applied.
 */
export function commitEdit(name: string, make: (doc: Doc) => EditOutcome, scope = ''): Promise<boolean> {
  return serial(() => applyEdit(name, make, scope));
}

/** Edits, undos and redos run one after another, each on the document the previous one left. */
let chain: Promise<unknown> = Promise.resolve();
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const next = chain.then(fn);
  chain = next.catch(() => undefined);
  return next;
}

async function applyEdit(name: string, make: (doc: Doc) => EditOutcome, scope: string): Promise<boolean> {
  const state = editorStore.getState();
  const current = state.doc;
  if (!current) {
    editorStore.setState({ message: { kind: 'error', text: translate(editorMessages, 'noScenario', { name }) } });
    return false;
  }
  let outcome: EditOutcome;
  try {
    outcome = make(current);
  } catch (e) {
    outcome = { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
  if (!outcome.ok) {
    editorStore.setState({ issues: null, message: { kind: 'error', text: translate(editorMessages, 'refusedWith', { a: name, b: outcome.reason }) } });
    return false;
  }
  const notes = outcome.notes ?? [];
  const next = outcome.doc;
  const r = await loadDoc(next, name);
  if (!r.ok) {
    fail(scope, name, r);
    return false;
  }
  const past = [...editorStore.getState().past, { name, doc: current }];
  editorStore.setState({
    pending: null,
    doc: next,
    link: r.link,
    past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past,
    future: [],
    issues: null,
    message: { kind: 'info', text: name, notes },
  });
  return true;
}

async function travel(direction: 'undo' | 'redo'): Promise<boolean> {
  const state = editorStore.getState();
  const from = direction === 'undo' ? state.past : state.future;
  const entry = from[from.length - 1];
  if (!entry || !state.doc) return false;
  const label = translate(editorMessages, direction === 'undo' ? 'undoName' : 'redoName', { name: entry.name });
  const r = await loadDoc(entry.doc, label);
  if (!r.ok) {
    // Cannot happen for a document that loaded before, unless the worker is gone: say so, keep all.
    fail('', label, r);
    return false;
  }
  const s = editorStore.getState();
  const moved = { name: entry.name, doc: s.doc as Doc };
  editorStore.setState(
    direction === 'undo'
      ? { pending: null, doc: entry.doc, link: r.link, past: s.past.slice(0, -1), future: [...s.future, moved], issues: null, message: { kind: 'info', text: label } }
      : { pending: null, doc: entry.doc, link: r.link, future: s.future.slice(0, -1), past: [...s.past, moved], issues: null, message: { kind: 'info', text: label } },
  );
  return true;
}

export const undo = (): Promise<boolean> => serial(() => travel('undo'));
export const redo = (): Promise<boolean> => serial(() => travel('redo'));

export function selectElement(ref: ElementRef | null): void {
  editorStore.setState({ selection: ref, block: null, menu: null });
}

/** Opens a scenario-wide block in the inspector (null closes it). */
export function selectBlock(block: BlockId | null): void {
  editorStore.setState({ block, selection: null, menu: null });
}

export function openMenu(ref: ElementRef, x: number, y: number): void {
  editorStore.setState({ menu: { ref, x, y } });
}

export function closeMenu(): void {
  editorStore.setState({ menu: null });
}

/** Says why an action was not taken (nothing changes). */
export function refuse(text: string): void {
  editorStore.setState({ issues: null, message: { kind: 'error', text } });
}

export function clearMessage(): void {
  editorStore.setState({ message: null, issues: null });
}

/** The issues of the last refused edit that belong to `scope` and to the field at `path` (prefix match). */
export function issuesFor(issues: EditIssues | null, scope: string, path: string): ScenarioIssue[] {
  if (!issues || issues.scope !== scope) return [];
  return issues.issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`));
}
