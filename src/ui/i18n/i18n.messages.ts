import { defineMessages } from './messages';

export const i18nMessages = defineMessages({ language: 'Language' }, { language: '语言' });
