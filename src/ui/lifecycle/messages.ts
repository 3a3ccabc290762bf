/** Messages of the worker liveness check and its recovery (the console's crash banner carries them). */
import { defineMessages } from '../i18n/messages';

export const lifecycleMessages = defineMessages(
  {
    silentIdle: 'it stopped answering: no sign of life for {s} s (it may have been killed, run out of memory or be stuck in a loop)',
    silentBusy: 'it stopped answering while working on a request: no sign of life for {s} s',
    silentBoot: 'it did not start: no sign of life for {s} s after it was created',
    startedAgain: 'The console started again with "{name}".',
    startedEmpty: 'The console started again, but no scenario could be opened: choose a preset.',
    keptForReload: '"{name}", with all its edits, is kept in this browser: reload the page to get it back.',
    nothingToKeep: 'No scenario had been opened yet: reload the page to start again.',
  },
  {
    silentIdle: '它不再响应：{s} 秒没有任何存活信号（可能被终止、内存耗尽或陷入死循环）',
    silentBusy: '它在处理请求时不再响应：{s} 秒没有任何存活信号',
    silentBoot: '它没能启动：创建后 {s} 秒没有任何存活信号',
    startedAgain: '控制台已重新启动，并打开了“{name}”。',
    startedEmpty: '控制台已重新启动，但无法打开任何场景：请选择一个预设。',
    keptForReload: '“{name}”及其所有修改已保存在本浏览器中：刷新页面即可恢复。',
    nothingToKeep: '尚未打开任何场景：刷新页面即可重新开始。',
  },
);
