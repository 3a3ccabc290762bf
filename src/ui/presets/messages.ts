import { defineMessages } from '../i18n/messages';

/** The preset picker's and the "What to watch" card's own labels (the notes are in presets.messages.ts). */
export const presetsMessages = defineMessages(
  {
    preset: 'Preset',
    customScenario: '(custom scenario)',
    watchTitle: 'What to watch',
    hide: 'Hide',
    show: 'Show',
    askTheClass: 'Ask the class:',
  },
  {
    preset: '预设场景',
    customScenario: '（自定义场景）',
    watchTitle: '观察要点',
    hide: '收起',
    show: '展开',
    askTheClass: '课堂提问：',
  },
);
