/* i18n-pending */
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
import { closeMenu, commitEdit, editorStore, openMenu, selectElement, useEditor } from './editStore';
import { addCall, addReplicaCrash, addSpike, connectWorkload, elementPath, getAt, KIND_LABEL, removeElement, type ElementRef } from './docEdits';
import { useMenuDismiss } from '../components/useMenuDismiss';

/** Node ids of the topology ("svc:web", "wl:shoppers") as editor references. */
export function refOfNode(nodeId: string | null | undefined): ElementRef | null {
  if (!nodeId) return null;
  if (nodeId.startsWith('svc:')) return { kind: 'service', id: nodeId.slice(4) };
  if (nodeId.startsWith('wl:')) return { kind: 'workload', id: nodeId.slice(3) };
  return null;
}

/** A connection dragged on the topology, as an edit (null: not a meaningful one). */
export function connectionEdit(source: ElementRef | null, target: ElementRef | null): { name: string; kind: 'target' | 'call'; from: string; to: string } | null {
  if (!source || !target || target.kind !== 'service') return null;
  if (source.kind === 'workload') return { name: `Connect ${source.id} → ${target.id}`, kind: 'target', from: source.id, to: target.id };
  if (source.kind === 'service') return { name: `${source.id} calls ${target.id}`, kind: 'call', from: source.id, to: target.id };
  return null;
}

export function onTopologyConnect(c: Connection): void {
  const e = connectionEdit(refOfNode(c.source), refOfNode(c.target));
  if (!e) return;
  void commitEdit(e.name, (doc) => (e.kind === 'target' ? connectWorkload(doc, e.from, e.to) : addCall(doc, e.from, e.to)));
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
  return commitEdit(`Traffic spike on ${workload} (+${extra} req/s at ${Math.round(at)} s)`, (doc) => addSpike(doc, workload, at, extra));
}

/** Whether a service's replicas are placed on hosts (then host faults apply, not replica crashes). */
export function isPlaced(service: string): boolean {
  const doc = editorStore.getState().doc;
  const path = doc ? elementPath(doc, { kind: 'service', id: service }) : null;
  return doc !== null && path !== null && getAt(doc, [...path, 'placement']) !== undefined;
}

export function injectCrash(service: string, duration: number | undefined = 30): Promise<boolean> {
  const at = consoleStore.getState().status?.now ?? 0;
  return commitEdit(`Crash a replica of ${service} at ${Math.round(at)} s${duration === undefined ? '' : ` for ${duration} s`}`, (doc) => addReplicaCrash(doc, service, at, 0, duration));
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
    <div className="ctx-menu card" role="menu" aria-label={`Edits of ${KIND_LABEL[target.kind]} ${target.id}`} ref={ref} style={{ left, top }} data-testid="topo-menu">
      <div className="ctx-menu-title num">
        {KIND_LABEL[target.kind]} {target.id}
      </div>
      <button type="button" role="menuitem" onClick={run(() => inspect(target))} data-testid="topo-menu-inspect">
        Inspect and edit
      </button>
      {target.kind === 'workload' && (
        <button type="button" role="menuitem" onClick={run(() => injectSpike(target.id))} data-testid="topo-menu-spike" title="Adds a flash crowd from the current time (a scenario edit: the run restarts on the same seed)">
          Traffic spike from now
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
          title={placed ? 'Replicas placed on hosts fail with their hosts: right-click a host in the Infrastructure view' : 'Replica 0 crashes at the current time and is back 30 s later (a scenario edit)'}
        >
          Crash a replica from now
        </button>
      )}
      <button
        type="button"
        role="menuitem"
        className="danger"
        onClick={run(async () => {
          const ok = await commitEdit(`Remove ${KIND_LABEL[target.kind]} ${target.id}`, (doc) => removeElement(doc, target));
          if (ok && target.kind === 'service' && consoleStore.getState().selectedService === target.id) void actions.selectService(null);
        })}
        data-testid="topo-menu-remove"
      >
        Remove {KIND_LABEL[target.kind]}
      </button>
    </div>
  );
});
