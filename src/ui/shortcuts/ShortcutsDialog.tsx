/** The keyboard shortcuts help: "?" opens it, Escape closes it, Tab stays inside while it is open. */
import { useCallback, useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { closeShortcuts, SHORTCUTS, trapFocus, useShortcuts } from './shortcuts';
import { useT } from '../i18n/messages';
import { shortcutMessages as m } from './messages';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function ShortcutsDialog() {
  const open = useShortcuts((s) => s.open);
  if (!open) return null;
  return <Dialog />;
}

function Dialog() {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const t = useT(m);

  useEffect(() => {
    // Focus moves into the dialog and back where it was when it closes.
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => {
      if (before && before.isConnected) before.focus();
    };
  }, []);

  const onKeyDown = useCallback((e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      closeShortcuts();
    } else if (e.key === 'Tab') {
      const items = Array.from(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
      const next = trapFocus(items.length, items.indexOf(document.activeElement as HTMLElement), e.shiftKey);
      if (next !== null) {
        e.preventDefault();
        items[next]?.focus();
      }
    }
  }, []);

  return (
    <div className="modal-backdrop" onKeyDown={onKeyDown} onMouseDown={(e) => e.target === e.currentTarget && closeShortcuts()}>
      <div ref={ref} className="modal card shortcuts-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="shortcuts-dialog">
        <header className="modal-head">
          <h2 id={titleId}>{t('title')}</h2>
          <button ref={closeRef} type="button" className="icon-button" onClick={closeShortcuts} aria-label={t('close')} data-testid="shortcuts-close">
            ×
          </button>
        </header>
        <table className="shortcuts-table" data-testid="shortcuts-table">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.action} data-testid="shortcut-row">
                <th scope="row">
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && t('or')}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </th>
                <td>{t(s.action)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted note">{t('note')}</p>
        <footer className="modal-foot">
          <button type="button" onClick={closeShortcuts} data-testid="shortcuts-done">
            {t('done')}
          </button>
        </footer>
      </div>
    </div>
  );
}
