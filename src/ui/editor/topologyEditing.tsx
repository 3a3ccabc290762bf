/**
 * Editing on the topology: dragging from a workload to a service sets the workload's target, from a
 * service to another adds a downstream call; right-click on a node opens a menu of edits (a
 * traffic spike from now, a replica crash from now, inspect, remove). Each is an undoable scenario
 * edit validated by the worker.
 */
import { memo, type MouseEvent as ReactMouseEvent } from 'react';
import type { Connection } from '@xyflow/react';
import { actions } from '../bridge';
import { consoleStore } from '../store';
import { closeMenu, commitEdit, editorStore, openMenu, refuse, selectElement, useEditor } from './editStore';
import { addCall, addReplicaCrash, addSpike, connectWorkload, elementPath, getAt, kindLabel, removeElement, type ElementRef } from './docEdits';
import { useMenuDismiss } from '../components/useMenuDismiss';
import { translate, useT } from '../i18n/messages';
import { editorMessages } from './editor.messages';

const tr = (key: keyof typeof editorMessages.en, params?: Record<string, string | number>): string => translate(editorMessages, key, params);

/** Node ids of the topology ("svc:web", "wl:shoppers") as editor references. */
export function refOfNode(nodeId: string | null | undefined): ElementRef | null {
  if (!nodeId) return null;
  if (nodeId.startsWith('svc:')) return { kind: 'service', id: nodeId.slice(4) };
  if (nodeId.startsWith('wl:')) return { kind: 'workload', id: nodeId.slice(3) };
  return null;
}

/** A connection dragged on the topology, as an edit, or the reason it means nothing. */
export type ConnectionEdit = { name: string; kind: 'target' | 'call'; from: string; to: string } | { refused: string };

/**
 * The pairs a drag can connect: a workload to a service (its traffic goes through that service's
 * load balancer: the balancer is part of the service here) and a service to another (a downstream
 * call). Anything else is refused in words.
 */
export function connectionEdit(source: ElementRef | null, target: ElementRef | null): ConnectionEdit {
  if (!source || !target) return { refused: tr('connectOnlyHere') };
  if (target.kind === 'workload') return { refused: tr('connectToWorkload', { id: target.id }) };
  if (target.kind !== 'service') return { refused: tr('connectNotHere', { kind: kindLabel(target.kind) }) };
  if (source.kind === 'workload') return { name: tr('connectName', { from: source.id, to: target.id }), kind: 'target', from: source.id, to: target.id };
  if (source.kind === 'service') {
    if (source.id === target.id) return { refused: tr('connectItself', { id: source.id }) };
    return { name: tr('callName', { from: source.id, to: target.id }), kind: 'call', from: source.id, to: target.id };
  }
  return { refused: tr('connectCannotSend', { kind: kindLabel(source.kind) }) };
}

export function onTopologyConnect(c: Connection): void {
  const e = connectionEdit(refOfNode(c.source), refOfNode(c.target));
  if ('refused' in e) {
    refuse(tr('connectRefused', { reason: e.refused }));
    return;
  }
  void commitEdit(e.name, (doc) => (e.kind === 'target' ? connectWorkload(doc, e.from, e.to) : addCall(doc, e.from, e.to)));
}

/**
 * React Flow's check while dragging: only meaningful pairs snap (the handle under the pointer
 * shows whether the drop would connect). Dropping elsewhere says why in the editor's message.
 */
export function isTopologyConnectionValid(c: { source: string | null; target: string | null }): boolean {
  return !('refused' in connectionEdit(refOfNode(c.source), refOfNode(c.target)));
}

export function onTopologyContextMenu(event: ReactMouseEvent, node: { id: string }): void {
  const ref = refOfNode(node.id);
  if (!ref) return;
  event.preventDefault();
  openMenu(ref, event.clientX, event.clientY);
}

/** Extra req/s of a spike: the workload's current rate (so it doubles), at least 10. */
function spikeRate(workload: string): number {
  const now = consoleStore.getState().flows?.workloads[workload] ?? 0;
  return Math.max(10, Math.round(now));
}

export function injectSpike(workload: string): Promise<boolean> {
  const at = consoleStore.getState().status?.now ?? 0;
  const extra = spikeRate(workload);
  return commitEdit(tr('spikeName', { id: workload, extra, at: Math.round(at) }), (doc) => addSpike(doc, workload, at, extra));
}

/** Whether a service's replicas are placed on hosts (then host faults apply, not replica crashes). */
export function isPlaced(service: string): boolean {
  const doc = editorStore.getState().doc;
  const path = doc ? elementPath(doc, { kind: 'service', id: service }) : null;
  return doc !== null && path !== null && getAt(doc, [...path, 'placement']) !== undefined;
}

export function injectCrash(service: string, duration: number | undefined = 30): Promise<boolean> {
  const at = consoleStore.getState().status?.now ?? 0;
  return commitEdit(duration === undefined ? tr('crashNameForGood', { id: service, at: Math.round(at) }) : tr('crashName', { id: service, at: Math.round(at), duration }), (doc) => addReplicaCrash(doc, service, at, 0, duration));
}

function inspect(ref: ElementRef): void {
  if (ref.kind === 'service') {
    selectElement(null);
    void actions.selectService(ref.id);
  } else {
    selectElement(ref);
  }
}

/** The right-click menu of a topology node. */
export const TopologyMenu = memo(function TopologyMenu() {
  const menu = useEditor((s) => s.menu);
  const t = useT(editorMessages);
  const ref = useMenuDismiss(menu !== null, closeMenu);
  if (!menu) return null;
  const target = menu.ref;
  const left = Math.min(menu.x, window.innerWidth - 260);
  const top = Math.min(menu.y, window.innerHeight - 200);
  const run = (fn: () => unknown) => () => {
    closeMenu();
    void fn();
  };
  const placed = target.kind === 'service' && isPlaced(target.id);
  return (
    <div className="ctx-menu card" role="menu" aria-label={t('menu', { kind: kindLabel(target.kind), id: target.id })} ref={ref} style={{ left, top }} data-testid="topo-menu">
      <div className="ctx-menu-title num">
        {kindLabel(target.kind)} {target.id}
      </div>
      <button type="button" role="menuitem" onClick={run(() => inspect(target))} data-testid="topo-menu-inspect">
        {t('menuInspect')}
      </button>
      {target.kind === 'workload' && (
        <button type="button" role="menuitem" onClick={run(() => injectSpike(target.id))} data-testid="topo-menu-spike" title={t('menuSpikeTitle')}>
          {t('menuSpike')}
        </button>
      )}
      {target.kind === 'service' && (
        <button
          type="button"
          role="menuitem"
          className="danger"
          disabled={placed}
          onClick={run(() => injectCrash(target.id))}
          data-testid="topo-menu-crash"
          title={placed ? t('menuCrashPlaced') : t('menuCrashTitle')}
        >
          {t('menuCrash')}
        </button>
      )}
      <button
        type="button"
        role="menuitem"
        className="danger"
        onClick={run(async () => {
          const ok = await commitEdit(t('removeName', { kind: kindLabel(target.kind), id: target.id }), (doc) => removeElement(doc, target));
          if (ok && target.kind === 'service' && consoleStore.getState().selectedService === target.id) void actions.selectService(null);
        })}
        data-testid="topo-menu-remove"
      >
        {t('menuRemove', { kind: kindLabel(target.kind) })}
      </button>
    </div>
  );
});

/**
 * The end of a drag on the topology that did not connect: when it ended on another node, the
 * editor's message says why that pair cannot be connected (a drop in the void just cancels).
 */
export function onTopologyConnectEnd(_event: unknown, state: { isValid: boolean | null; fromNode: { id: string } | null; toNode: { id: string } | null; fromHandle: { type: string } | null }): void {
  if (state.isValid || !state.fromNode || !state.toNode) return;
  const fromSource = state.fromHandle?.type !== 'target';
  const a = refOfNode(state.fromNode.id);
  const b = refOfNode(state.toNode.id);
  const e = fromSource ? connectionEdit(a, b) : connectionEdit(b, a);
  if ('refused' in e) refuse(tr('connectRefused', { reason: e.refused }));
  else refuse(tr('connectRefused', { reason: tr('connectHandle', { from: e.from, to: e.to }) }));
}
