/**
 * A network link between two regions (a VPN or a dedicated line of a hybrid cloud): a straight
 * line between the regions' borders, labelled with its kind, latency and bandwidth; red and dashed
 * while cut. A click on the label inspects the link (where it can be cut).
 */
import { memo, useCallback, type MouseEvent } from 'react';
import { EdgeLabelRenderer, useInternalNode, type EdgeProps, type InternalNode } from '@xyflow/react';
import { actions } from '../bridge';
import { useCompute } from './computeStore';
import { useT } from '../i18n/messages';
import { infraMessages as m } from './messages';
import { linkLabel } from './labels';
import type { InfraNode, LinkEdgeType } from './infraGraph';

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

function rectOf(n: InternalNode<InfraNode>): Rect {
  const p = n.internals.positionAbsolute;
  return { x: p.x, y: p.y, w: n.measured.width ?? n.width ?? 0, h: n.measured.height ?? n.height ?? 0 };
}

/** Where the line from a's centre toward b's centre leaves rectangle a. */
export function borderPoint(a: Rect, b: Rect): { x: number; y: number } {
  const cx = a.x + a.w / 2;
  const cy = a.y + a.h / 2;
  const dx = b.x + b.w / 2 - cx;
  const dy = b.y + b.h / 2 - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const sx = dx !== 0 ? a.w / 2 / Math.abs(dx) : Infinity;
  const sy = dy !== 0 ? a.h / 2 / Math.abs(dy) : Infinity;
  const s = Math.min(sx, sy);
  return { x: cx + dx * s, y: cy + dy * s };
}

export const LinkEdge = memo(function LinkEdge({ id, source, target, data }: EdgeProps<LinkEdgeType>) {
  const a = useInternalNode<InfraNode>(source);
  const b = useInternalNode<InfraNode>(target);
  const index = data?.index ?? -1;
  const cut = useCompute((s) => (s.hosts?.linksCut[index] ?? 0) === 1);
  const selected = useCompute((s) => s.selection?.kind === 'link' && s.selection.index === index);
  const t = useT(m);
  const onClick = useCallback(
    (e: MouseEvent) => {
      e.stopPropagation();
      if (index >= 0) actions.selectInfra({ kind: 'link', index });
    },
    [index],
  );
  if (!a || !b || !data) return null;
  const ra = rectOf(a);
  const rb = rectOf(b);
  const p = borderPoint(ra, rb);
  const q = borderPoint(rb, ra);
  const path = `M ${p.x},${p.y} L ${q.x},${q.y}`;
  const mx = (p.x + q.x) / 2;
  const my = (p.y + q.y) / 2;
  const link = data.link;
  const kindClass = `link-${link.kind}`;
  return (
    <>
      <path id={id} d={path} className={`link-edge ${kindClass}${cut ? ' link-cut' : ''}${selected ? ' is-selected' : ''}`} fill="none" data-testid={`infra-link-${index}`} data-cut={cut ? '1' : '0'} />
      <EdgeLabelRenderer>
        <button
          type="button"
          className={`link-label nodrag nopan${cut ? ' link-label-cut' : ''}${selected ? ' is-selected' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${mx}px, ${my}px)` }}
          onClick={onClick}
          data-testid={`infra-link-${index}-label`}
          title={t('linkTitle', { a: link.between[0], b: link.between[1] })}
        >
          {cut ? t('linkCutPrefix') : null}
          {linkLabel(link.kind, link.latency, link.bandwidthGbps, t)}
        </button>
      </EdgeLabelRenderer>
    </>
  );
});

export const INFRA_EDGE_TYPES = { link: LinkEdge };
