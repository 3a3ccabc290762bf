/**
 * Props shared by the console's React Flow canvases: a view to look at and drag nodes in, never
 * to edit the graph (no connecting, selecting, deleting, or keyboard shortcuts of React Flow's own).
 */
export const READ_ONLY_FLOW = {
  fitView: true,
  maxZoom: 2,
  nodesConnectable: false,
  elementsSelectable: false,
  edgesFocusable: false,
  deleteKeyCode: null,
  selectionKeyCode: null,
  multiSelectionKeyCode: null,
  panActivationKeyCode: null,
  zoomActivationKeyCode: null,
  proOptions: { hideAttribution: false },
} as const;
