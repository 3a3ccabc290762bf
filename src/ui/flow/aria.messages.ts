/** What the flow canvases (topology, infrastructure) say to screen readers: their zoom controls, keyboard hints and edges. */
import { defineMessages } from '../i18n/messages';

export const flowAriaMessages = defineMessages(
  {
    controls: 'Canvas controls',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fitView: 'Fit the view',
    interactive: 'Lock or unlock the canvas',
    minimap: 'Mini map',
    handle: 'Connection handle',
    nodeHint: 'Press Enter or Space to select a node; Escape cancels.',
    nodeHintKeys: 'Press Enter or Space to select a node, then move it with the arrow keys; Escape cancels.',
    edgeHint: 'Press Enter or Space to select an edge; Escape cancels.',
    // the edges themselves (React Flow's own label is "Edge from <node id> to <node id>")
    edgeWorkload: 'Traffic from workload {workload} to service {target}',
    edgeCall: 'Calls from service {from} to service {target}',
    edgeTrigger: 'Trigger from {from} to {to}',
    edgeLink: 'Network link between {a} and {b}',
    edgeOther: 'Connection from {from} to {to}',
  },
  {
    controls: '画布控件',
    zoomIn: '放大',
    zoomOut: '缩小',
    fitView: '适应视图',
    interactive: '锁定或解锁画布',
    minimap: '缩略图',
    handle: '连接点',
    nodeHint: '按回车或空格键选择节点；按 Esc 取消。',
    nodeHintKeys: '按回车或空格键选择节点，然后用方向键移动；按 Esc 取消。',
    edgeHint: '按回车或空格键选择连线；按 Esc 取消。',
    edgeWorkload: '工作负载 {workload} 发往服务 {target} 的流量',
    edgeCall: '服务 {from} 对服务 {target} 的调用',
    edgeTrigger: '从 {from} 到 {to} 的触发',
    edgeLink: '{a} 与 {b} 之间的网络链路',
    edgeOther: '从 {from} 到 {to} 的连线',
  },
);
