/** The flow canvases' screen-reader labels in the console's language (React Flow's own are English). */
import { useMemo } from 'react';
import type { AriaLabelConfig, Edge } from '@xyflow/react';
import { useT, type Translate } from '../i18n/messages';
import { flowAriaMessages } from './aria.messages';

export function useFlowAriaLabels(): Partial<AriaLabelConfig> {
  const t = useT(flowAriaMessages);
  return useMemo(
    () => ({
      'controls.ariaLabel': t('controls'),
      'controls.zoomIn.ariaLabel': t('zoomIn'),
      'controls.zoomOut.ariaLabel': t('zoomOut'),
      'controls.fitView.ariaLabel': t('fitView'),
      'controls.interactive.ariaLabel': t('interactive'),
      'minimap.ariaLabel': t('minimap'),
      'handle.ariaLabel': t('handle'),
      'node.a11yDescription.default': t('nodeHint'),
      'node.a11yDescription.keyboardDisabled': t('nodeHintKeys'),
      'edge.a11yDescription.default': t('edgeHint'),
    }),
    [t],
  );
}

export type EdgeAriaT = Translate<keyof (typeof flowAriaMessages)['en'] & string>;

/** "svc:web" → "web", "function:resize" → "resize": a node id without its kind. */
export const bareId = (nodeId: string): string => nodeId.slice(nodeId.indexOf(':') + 1);

/**
 * The edges with their screen-reader label in the language (`label` words an edge, or returns
 * undefined for the generic "from … to …"). Same array while the edges and the language are the same.
 */
export function useLabelledEdges<E extends Edge>(edges: readonly E[], label: (t: EdgeAriaT, edge: E) => string | undefined): E[] {
  const t = useT(flowAriaMessages);
  return useMemo(() => edges.map((e) => ({ ...e, ariaLabel: label(t, e) ?? t('edgeOther', { from: bareId(e.source), to: bareId(e.target) }) })), [edges, t, label]);
}
