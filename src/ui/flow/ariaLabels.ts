/** The flow canvases' screen-reader labels in the console's language (React Flow's own are English). */
import { useMemo } from 'react';
import type { AriaLabelConfig } from '@xyflow/react';
import { useT } from '../i18n/messages';
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
