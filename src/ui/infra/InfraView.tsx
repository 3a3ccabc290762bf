import { memo, useCallback, useEffect, useRef } from 'react';
import { Background, Controls, ReactFlow, useReactFlow, type NodeChange, type NodeMouseHandler } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { actions } from '../bridge';
import { INSTANCE_STATE_COLORS } from '../colors';
import { computeStore, openHostMenu, useCompute } from './computeStore';
import { applyInfraChanges, markShown, requestAutoLayout, shownLayout, resetPositions, setAllExpanded, setPoolExpanded, useInfraGraph, type InfraNode, type LinkEdgeType } from './infraGraph';
import { INFRA_NODE_TYPES } from './infraNodes';
import { INFRA_EDGE_TYPES } from './LinkEdge';
import { hostActions } from './hostActions';
import { READ_ONLY_FLOW } from '../flow/readOnlyFlow';
import { useFlowAriaLabels, useLabelledEdges, type EdgeAriaT } from '../flow/ariaLabels';
import { useMenuDismiss } from '../components/useMenuDismiss';
import { useLang } from '../i18n/lang';
import { useT } from '../i18n/messages';
import { infraMessages as m } from './messages';
import { stateText } from './saidText';
import { onInfraDragOver, onInfraDrop, ServiceTray } from '../editor/InfraPlacement';

const FIT_VIEW_OPTIONS = { padding: 0.1, maxZoom: 1.1 };

const onNodesChange = (changes: NodeChange<InfraNode>[]): void => applyInfraChanges(changes);

const onNodeClick: NodeMouseHandler<InfraNode> = (_event, node) => {
  switch (node.type) {
    case 'host':
      actions.selectInfra({ kind: 'host', id: node.data.id });
      break;
    case 'pool':
      actions.selectInfra({ kind: 'pool', id: node.data.pool.id });
      // "Expandable on click": a collapsed pool opens into its hosts.
      if (node.data.expandable && !node.data.expanded) setPoolExpanded(node.data.pool.id, true);
      break;
    case 'zone':
      actions.selectInfra({ kind: 'zone', id: node.data.zone.id });
      break;
    case 'region':
      actions.selectInfra({ kind: 'region', id: node.data.region.id });
      break;
    default:
      break;
  }
};

const onNodeContextMenu: NodeMouseHandler<InfraNode> = (event, node) => {
  if (node.type !== 'host') return;
  event.preventDefault();
  openHostMenu({ hostId: node.data.id, x: event.clientX, y: event.clientY });
};

const closeMenu = (): void => {
  if (computeStore.getState().menu) openHostMenu(null);
};

/** The right-click menu of a host: inspect, kill, drain, uncordon. */
const HostMenu = memo(function HostMenu() {
  const menu = useCompute((s) => s.menu);
  const flags = useCompute((s) => {
    const m = s.menu;
    const i = m && s.info ? s.info.hostIds.indexOf(m.hostId) : -1;
    return i >= 0 ? (s.hosts?.flags[i] ?? 2) : 2;
  });
  const ref = useMenuDismiss(menu !== null, closeMenu);
  const t = useT(m);
  if (!menu) return null;
  const items = hostActions(menu.hostId, flags);
  const left = Math.min(menu.x, window.innerWidth - 200);
  const top = Math.min(menu.y, window.innerHeight - 40 * (items.length + 2));
  return (
    <div className="ctx-menu card" role="menu" aria-label={t('menuAria', { host: menu.hostId })} ref={ref} style={{ left, top }} data-testid="host-menu">
      <div className="ctx-menu-title num">{menu.hostId}</div>
      <button
        type="button"
        role="menuitem"
        data-testid="host-menu-inspect"
        onClick={() => {
          actions.selectInfra({ kind: 'host', id: menu.hostId });
        }}
      >
        {t('inspect')}
      </button>
      {items.map((a) => (
        <button
          type="button"
          role="menuitem"
          key={a.key}
          className={a.danger ? 'danger' : undefined}
          data-testid={`host-menu-${a.key}`}
          disabled={a.disabled !== null}
          title={a.disabled ?? a.title}
          onClick={() => {
            actions.selectInfra({ kind: 'host', id: menu.hostId });
            void actions.operate(a.op, a.what);
          }}
        >
          {a.label}
        </button>
      ))}
    </div>
  );
});

const InfraLegend = memo(function InfraLegend() {
  const t = useT(m);
  const lang = useLang();
  return (
    <div className="topo-legend infra-legend muted" aria-hidden="true">
      <span>
        <i className="swatch swatch-util" /> {t('legendCpu')}
      </span>
      <span>
        <i className="swatch swatch-down" /> {t('hostFailed')}
      </span>
      <span>
        <i className="swatch swatch-off" /> {t('hostOff')}
      </span>
      <span>
        <i className="swatch swatch-cordon" /> {t('hostCordoned')}
      </span>
      <span className="legend-sep" />
      {(['pending', 'provisioning', 'running', 'draining', 'failed'] as const).map((s) => (
        <span key={s}>
          <i className="legend-dot" style={{ background: INSTANCE_STATE_COLORS[s] }} /> {stateText(lang, s)}
        </span>
      ))}
    </div>
  );
});

/**
 * Fits the view again when pools are expanded or collapsed or the automatic layout arrives (the
 * layout changed shape), and asks for the automatic layout of each new shape.
 */
function FitOnLayout() {
  const { fitView } = useReactFlow();
  const key = useInfraGraph((s) => s.key);
  const expanded = useInfraGraph((s) => s.expanded);
  const layout = useInfraGraph((s) => s.layout);
  const first = useRef(true);
  useEffect(() => {
    requestAutoLayout();
  }, [key, expanded]);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      markShown(layout);
      return;
    }
    // A change of shape glides; the automatic layout replacing the grid jumps (it is the same picture, tidier).
    const t = setTimeout(() => void fitView({ ...FIT_VIEW_OPTIONS, duration: layout === shownLayout() ? 250 : 0 }).then(() => markShown(layout)), 30);
    return () => clearTimeout(t);
  }, [expanded, layout, fitView]);
  return null;
}

const Toolbar = memo(function Toolbar() {
  const expandable = useInfraGraph((s) => s.info?.pools.some((p) => p.count > 0 && p.count <= 64) ?? false);
  const dragged = useInfraGraph((s) => s.overrides.size > 0);
  const onExpand = useCallback(() => setAllExpanded(true), []);
  const onCollapse = useCallback(() => setAllExpanded(false), []);
  const t = useT(m);
  if (!expandable && !dragged) return null;
  return (
    <div className="infra-toolbar">
      {expandable && (
        <>
          <button type="button" onClick={onExpand} data-testid="infra-expand-all" title={t('expandAllTitle')}>
            {t('expandAll')}
          </button>
          <button type="button" onClick={onCollapse} data-testid="infra-collapse-all" title={t('collapseAllTitle')}>
            {t('collapseAll')}
          </button>
        </>
      )}
      {dragged && (
        <button type="button" onClick={resetPositions} data-testid="infra-reset-layout" title={t('resetLayoutTitle')}>
          {t('resetLayout')}
        </button>
      )}
    </div>
  );
});

/** A region link's screen-reader label. */
const linkLabel = (t: EdgeAriaT, e: LinkEdgeType): string | undefined => (e.data ? t('edgeLink', { a: e.data.link.between[0], b: e.data.link.between[1] }) : undefined);

/**
 * The infrastructure as nested groups: regions, their zones, host pools (heat strips, or hosts
 * with their instances as dots), links between regions. Click to inspect; right-click a host for
 * its actions; drag groups to rearrange (kept while the scenario stays loaded).
 */
export const InfraView = memo(function InfraView() {
  const nodes = useInfraGraph((s) => s.nodes);
  const edges = useLabelledEdges(useInfraGraph((s) => s.edges), linkLabel);
  const aria = useFlowAriaLabels();
  const key = useInfraGraph((s) => s.key);
  const has = useInfraGraph((s) => s.info !== null);
  const layout = useInfraGraph((s) => s.shown);
  const t = useT(m);
  if (!has) return <div className="topology card muted loading">{t('noPools')}</div>;
  return (
    <div className="topology infra card" data-testid="infra" data-layout={layout} aria-label={t('infraAria')} onDragOver={onInfraDragOver} onDrop={onInfraDrop}>
      <ReactFlow<InfraNode>
        // A new scenario remounts the flow, so it fits the view to the new layout.
        key={key}
        nodes={nodes}
        edges={edges}
        nodeTypes={INFRA_NODE_TYPES}
        edgeTypes={INFRA_EDGE_TYPES}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        onNodeContextMenu={onNodeContextMenu}
        onPaneClick={closeMenu}
        onMoveStart={closeMenu}
        {...READ_ONLY_FLOW}
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.1}
        ariaLabelConfig={aria}
      >
        <Background gap={20} size={1} color="#e4e4e7" />
        <Controls showInteractive={false} position="bottom-right" />
        <FitOnLayout />
      </ReactFlow>
      <Toolbar />
      <ServiceTray />
      <InfraLegend />
      <HostMenu />
    </div>
  );
});
