import { defineMessages } from '../i18n/messages';

/** The keyboard shortcuts help. Key names (Space, Ctrl + Z, Esc, Tab) are shown as printed on keyboards. */
export const shortcutMessages = defineMessages(
  {
    title: 'Keyboard shortcuts',
    close: 'Close',
    or: ' or ',
    note: 'Shortcuts do nothing while you type in a field or a dialog is open.',
    done: 'Done',
    playPause: 'Play or pause the run',
    step: 'Process one event (step)',
    presenter: 'Presenter mode on or off (large type, no editing controls)',
    undo: 'Undo the last scenario edit (outside text fields)',
    redo: 'Redo a scenario edit',
    help: 'Show this list of shortcuts',
    closeDialog: 'Close a dialog or a context menu',
    focus: 'Move between controls',
  },
  {
    title: '键盘快捷键',
    close: '关闭',
    or: ' 或 ',
    note: '在输入框中输入文字或有对话框打开时，快捷键不起作用。',
    done: '完成',
    playPause: '播放或暂停运行',
    step: '处理一个事件（单步）',
    presenter: '开启或关闭演示模式（大字号，隐藏编辑控件）',
    undo: '撤销上一次场景修改（焦点不在文本框时）',
    redo: '重做场景修改',
    help: '显示本快捷键列表',
    closeDialog: '关闭对话框或右键菜单',
    focus: '在控件之间切换焦点',
  },
);
