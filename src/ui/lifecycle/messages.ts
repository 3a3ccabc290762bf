/** Messages of the worker liveness check (the console's crash banner carries them as its reason). */
import { defineMessages } from '../i18n/messages';

export const lifecycleMessages = defineMessages(
  {
    silentIdle: 'it stopped answering: no sign of life for {s} s (it may have been killed, run out of memory or be stuck in a loop)',
    silentBusy: 'it stopped answering during a long task: no sign of life for {s} s',
  },
  {
    silentIdle: '它不再响应：{s} 秒没有任何存活信号（可能被终止、内存耗尽或陷入死循环）',
    silentBusy: '它在执行耗时任务时不再响应：{s} 秒没有任何存活信号',
  },
);
