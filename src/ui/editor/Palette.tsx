/**
 * The editor's palette (left of the topology): undo/redo, buttons that add regions, zones, host
 * pools, services and workloads, the scenario's elements to pick for the inspector, and the last
 * edit's outcome. Ctrl+Z undoes, Ctrl+Shift+Z or Ctrl+Y redoes (outside text fields, whose own
 * undo is the browser's).
 */
import { memo, useCallback, useEffect, useMemo } from 'react';
import { actions } from '../bridge';
import { consoleStore, useConsole } from '../store';
import { clearMessage, commitEdit, editorStore, redo, selectElement, undo, useEditor } from './editStore';
import { addPool, addRegion, addService, addWorkload, addZone, idsOf, kindLabel, zonesOf, type Doc, type ElementKind, type ElementRef } from './docEdits';
import { startEditorSync } from './sync';
import { BlockList } from './blocks/BlockInspector';
import './editor.css';
import { useT } from '../i18n/messages';
import { editorMessages } from './editor.messages';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/** Ctrl/Cmd+Z: undo; Ctrl/Cmd+Shift+Z or Ctrl+Y: redo. */
export function editorHotkey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (k === 'y' && !e.shiftKey) return 'redo';
  return null;
}

function onKeyDown(e: KeyboardEvent): void {
  if (e.defaultPrevented || isTyping(e.target)) return;
  const what = editorHotkey(e);
  if (!what) return;
  e.preventDefault();
  void (what === 'undo' ? undo() : redo());
}

/** The element to put things into: the selection when it fits, else the first of its kind. */
function contextOf(doc: Doc, selection: ElementRef | null, selectedService: string | null) {
  const zones = zonesOf(doc);
  let region: string | undefined;
  let zone: string | undefined;
  if (selection?.kind === 'region') region = selection.id;
  if (selection?.kind === 'zone') {
    zone = selection.id;
    region = zones.find((z) => z.zone === zone)?.region;
  }
  if (selection?.kind === 'pool') {
    const pools = doc.hostPools;
    const p = Array.isArray(pools) ? (pools as Array<Record<string, unknown>>).find((x) => x.id === selection.id) : undefined;
    if (typeof p?.zone === 'string') zone = p.zone;
  }
  return { region, zone, service: selectedService ?? undefined };
}

const UndoRedo = memo(function UndoRedo() {
  const lastPast = useEditor((s) => s.past[s.past.length - 1]?.name ?? null);
  const lastFuture = useEditor((s) => s.future[s.future.length - 1]?.name ?? null);
  const t = useT(editorMessages);
  return (
    <div className="edit-row palette-history" role="toolbar" aria-label={t('history')}>
      <button type="button" onClick={() => void undo()} disabled={lastPast === null} title={lastPast ? t('undoTitle', { name: lastPast }) : t('nothingUndo')} data-testid="editor-undo">
        {t('undo')}
      </button>
      <button type="button" onClick={() => void redo()} disabled={lastFuture === null} title={lastFuture ? t('redoTitle', { name: lastFuture }) : t('nothingRedo')} data-testid="editor-redo">
        {t('redo')}
      </button>
    </div>
  );
});

/** The outcome of the last edit (applied, refused with the schema's messages, repairs made). */
export const EditMessage = memo(function EditMessage() {
  const message = useEditor((s) => s.message);
  const issues = useEditor((s) => s.issues);
  const pending = useEditor((s) => s.pending);
  const t = useT(editorMessages);
  if (pending !== null) {
    return (
      <p className="note" role="status" data-testid="editor-message">
        {t('applying', { name: pending })}
      </p>
    );
  }
  if (!message) return null;
  return (
    <div className={`edit-message ${message.kind === 'error' ? 'edit-message-error' : ''}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="editor-message">
      <p>
        {message.kind === 'info' ? t('applied', { name: message.text }) : message.text}
      </p>
      {message.notes && message.notes.length > 0 && (
        <>
          <p>{message.notes.length === 1 ? t('repairedOne') : t('repairedMany', { n: message.notes.length })}</p>
          <ul className="edit-notes" data-testid="editor-repairs">
            {message.notes.map((n, k) => (
              <li key={k}>{n}</li>
            ))}
          </ul>
        </>
      )}
      {message.kind === 'info' && (
        <p className="muted" data-testid="editor-restarted">
          {t('restarted')}
        </p>
      )}
      {issues && issues.issues.length > 0 && (
        <ul className="edit-issues" data-testid="editor-issues">
          {issues.issues.map((i, k) => (
            <li key={k}>{i.path ? `${i.path}: ${i.message}` : i.message}</li>
          ))}
        </ul>
      )}
      <button type="button" className="linkish" onClick={clearMessage}>
        {t('dismiss')}
      </button>
    </div>
  );
});

const ElementList = memo(function ElementList() {
  const doc = useEditor((s) => s.doc);
  const selection = useEditor((s) => s.selection);
  const selectedService = useConsole((s) => s.selectedService);
  const t = useT(editorMessages);
  const groups = useMemo(() => {
    if (!doc) return [];
    const kinds: Array<[ElementKind, string]> = [
      ['region', t('groupRegion')],
      ['zone', t('groupZone')],
      ['pool', t('groupPool')],
      ['service', t('groupService')],
      ['workload', t('groupWorkload')],
    ];
    return kinds.map(([kind, title]) => ({ kind, title, ids: idsOf(doc, kind) })).filter((g) => g.ids.length > 0);
  }, [doc, t]);
  const pick = useCallback((ref: ElementRef) => {
    if (ref.kind === 'service') {
      selectElement(null);
      void actions.selectService(ref.id);
    } else {
      selectElement(ref);
    }
  }, []);
  return (
    <nav className="palette-elements" aria-label={t('elements')}>
      {groups.map((g) => (
        <div key={g.kind}>
          <span className="field-label">{g.title}</span>
          <ul className="edit-list">
            {g.ids.map((id) => {
              const current = g.kind === 'service' ? selection === null && selectedService === id : selection?.kind === g.kind && selection.id === id;
              return (
                <li key={id}>
                  <button type="button" className={`linkish${current ? ' is-current' : ''}`} aria-current={current ? 'true' : undefined} onClick={() => pick({ kind: g.kind, id })} data-testid={`palette-${g.kind}-${id}`}>
                    {id}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
});

export const Palette = memo(function Palette() {
  useEffect(() => {
    startEditorSync();
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  const hasDoc = useEditor((s) => s.doc !== null);
  const t = useT(editorMessages);
  const busy = useEditor((s) => s.pending !== null);
  const add = useCallback(async (kind: ElementKind) => {
    const { doc, selection } = editorStore.getState();
    if (!doc) return;
    const ctx = contextOf(doc, selection, consoleStore.getState().selectedService);
    let newId: string | undefined;
    const ok = await commitEdit(t('addName', { kind: kindLabel(kind) }), (d) => {
      const r =
        kind === 'region' ? { ok: true as const, ...addRegion(d) } : kind === 'zone' ? addZone(d, ctx.region) : kind === 'pool' ? addPool(d, ctx.zone) : kind === 'service' ? { ok: true as const, ...addService(d, ctx.zone) } : addWorkload(d, ctx.service);
      if (r.ok) newId = r.id;
      return r;
    });
    if (!ok || newId === undefined) return;
    if (kind === 'service') {
      selectElement(null);
      void actions.selectService(newId);
    } else {
      selectElement({ kind, id: newId });
    }
  }, [t]);
  return (
    <aside className="palette card" aria-label={t('palette')} data-testid="editor-palette">
      <h2 className="palette-title">{t('paletteTitle')}</h2>
      <UndoRedo />
      <p className="hint" data-testid="editor-history-note">
        {t('historyNote')}
      </p>
      <div className="palette-add" role="group" aria-label={t('addGroup')}>
        <span className="field-label">{t('add')}</span>
        {(
          [
            ['region', t('addRegion')],
            ['zone', t('addZone')],
            ['pool', t('addPool')],
            ['service', t('addService')],
            ['workload', t('addWorkload')],
          ] as const
        ).map(([kind, label]) => (
          <button key={kind} type="button" onClick={() => void add(kind)} disabled={!hasDoc || busy} data-testid={`palette-add-${kind}`} title={t('addTitle', { kind: kindLabel(kind) })}>
            {label}
          </button>
        ))}
      </div>
      <EditMessage />
      <ElementList />
      <BlockList />
    </aside>
  );
});
