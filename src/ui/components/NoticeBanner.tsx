/* i18n-pending */
import { memo, useCallback, type FocusEvent } from 'react';
import { actions } from '../bridge';
import { useConsole } from '../store';

export const NoticeBanner = memo(function NoticeBanner() {
  const notice = useConsole((s) => s.notice);
  const onDismiss = useCallback(() => actions.dismissNotice(), []);
  if (!notice) return null;
  return (
    <div className={`banner banner-${notice.kind}`} role="alert" data-testid={notice.kind === 'error' ? 'error-banner' : 'info-banner'}>
      <div className="banner-text">
        <strong data-testid="banner-title">{notice.title}</strong>
        {notice.messages.length > 0 && (
          <ul>
            {notice.messages.map((m, i) => (
              <li key={i} data-testid="banner-message">
                {m}
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" className="banner-close" onClick={onDismiss} aria-label="Dismiss" data-testid="dismiss-banner">
        ×
      </button>
    </div>
  );
});

export const ShareBox = memo(function ShareBox() {
  const url = useConsole((s) => s.shareUrl);
  const copied = useConsole((s) => s.shareCopied);
  const onClose = useCallback(() => actions.closeShare(), []);
  const onFocus = useCallback((e: FocusEvent<HTMLInputElement>) => e.target.select(), []);
  if (!url) return null;
  return (
    <div className="sharebox" data-testid="sharebox">
      <label className="field grow">
        <span className="field-label">{copied ? 'Link copied to the clipboard' : 'Link to this scenario'}</span>
        <input data-testid="share-url" readOnly value={url} onFocus={onFocus} spellCheck={false} />
      </label>
      {url.length > 2000 && (
        <p className="hint">This link is {url.length.toLocaleString('en-US')} characters long; chat tools may cut it. Export the scenario as a file instead.</p>
      )}
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
});
