import { memo, useCallback, type ChangeEvent } from 'react';
import { LANGS, isLang, setLang, useLang } from './lang';
import { useT } from './messages';
import { i18nMessages as m } from './i18n.messages';

/** The top bar's language picker; each language is named in itself so anyone can find theirs. */
export const LanguageSwitch = memo(function LanguageSwitch() {
  const lang = useLang();
  const t = useT(m);
  const onChange = useCallback((e: ChangeEvent<HTMLSelectElement>) => {
    if (isLang(e.target.value)) setLang(e.target.value);
  }, []);
  return (
    <label className="field">
      <span className="field-label">{t('language')}</span>
      <select data-testid="language" value={lang} onChange={onChange}>
        {LANGS.map((l) => (
          <option key={l.id} value={l.id} lang={l.htmlLang}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
});
