/** At start-up without a link: offers the last autosaved scenario (the default is loaded meanwhile). */
import { memo, useCallback } from 'react';
import { actions } from '../bridge';
import { useRecovery } from './savedScenario';
import { useLang } from '../i18n/lang';
import { useT } from '../i18n/messages';
import { richText } from '../components/richText';
import { recoveryMessages as m } from './messages';

export const RestoreOffer = memo(function RestoreOffer() {
  const offer = useRecovery((s) => s.offer);
  const onRestore = useCallback(() => void actions.restoreSaved(), []);
  const onDismiss = useCallback(() => actions.dismissRestore(), []);
  const t = useT(m);
  const lang = useLang();
  if (!offer) return null;
  const when = new Date(offer.savedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="banner banner-restore" role="status" data-testid="restore-offer">
      <div className="banner-text">{richText(t('offer', { when }), { name: <strong data-testid="restore-name">{offer.name}</strong> })}</div>
      <div className="restore-actions">
        <button type="button" className="primary" onClick={onRestore} data-testid="restore-saved">
          {t('restore')}
        </button>
        <button type="button" onClick={onDismiss} data-testid="restore-dismiss">
          {t('dismiss')}
        </button>
      </div>
    </div>
  );
});
