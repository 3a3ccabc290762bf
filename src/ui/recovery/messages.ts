import { defineMessages } from '../i18n/messages';

/** The start-up offer to restore the last autosaved scenario. */
export const recoveryMessages = defineMessages(
  {
    offer: 'Your last scenario, {name} (saved {when}), can be restored. The default scenario is loaded meanwhile.',
    restore: 'Restore',
    dismiss: 'Dismiss',
  },
  {
    offer: '可以恢复你上次的场景 {name}（保存于 {when}）。在此之前先加载了默认场景。',
    restore: '恢复',
    dismiss: '忽略',
  },
);
