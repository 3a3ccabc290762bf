import { memo, useCallback, type FocusEvent } from 'react';
import { actions } from '../bridge';
import { useConsole } from '../store';
import { useLang } from '../i18n/lang';
import { useT } from '../i18n/messages';
import { renderText } from '../localText';
import { shellMessages as m } from './messages';

export const NoticeBanner = memo(function NoticeBanner() {
  const notice = useConsole((s) => s.notice);
  const onDismiss = useCallback(() => actions.dismissNotice(), []);
  const lang = useLang();
  const t = useT(m);
  if (!notice) return null;
  return (
    <div className={`banner banner-${notice.kind}`} role="alert" data-testid={notice.kind === 'error' ? 'error-banner' : 'info-banner'}>
      <div className="banner-text">
        <strong data-testid="banner-title">{renderText(notice.title, lang)}</strong>
        {notice.messages.length > 0 && (
          <ul>
            {notice.messages.map((text, i) => (
              <li key={i} data-testid="banner-message">
                {renderText(text, lang)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" className="banner-close" onClick={onDismiss} aria-label={t('dismiss')} data-testid="dismiss-banner">
        ×
      </button>
    </div>
  );
});

export const ShareBox = memo(function ShareBox() {
  const url = useConsole((s) => s.shareUrl);
  const copied = useConsole((s) => s.shareCopied);
  const onClose = useCallback(() => actions.closeShare(), []);
  const onDownload = useCallback(() => void actions.saveScenarioFile(), []);
  const onFocus = useCallback((e: FocusEvent<HTMLInputElement>) => e.target.select(), []);
  const t = useT(m);
  if (!url) return null;
  return (
    <div className="sharebox" data-testid="sharebox">
      <label className="field grow">
        <span className="field-label">{copied ? t('linkCopied') : t('linkLabel')}</span>
        <input data-testid="share-url" readOnly value={url} onFocus={onFocus} spellCheck={false} />
      </label>
      {url.length > 2000 && (
        <>
          <p className="hint" data-testid="share-too-long">
            {t('linkTooLong', { n: url.length.toLocaleString('en-US') })}
          </p>
          <button type="button" onClick={onDownload} data-testid="share-download">
            {t('downloadScenario')}
          </button>
        </>
      )}
      <button type="button" onClick={onClose}>
        {t('close')}
      </button>
    </div>
  );
});
