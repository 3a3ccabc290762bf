/* i18n-pending */
/** At start-up without a link: offers the last autosaved scenario (the default is loaded meanwhile). */
import { memo, useCallback } from 'react';
import { actions } from '../bridge';
import { useRecovery } from './savedScenario';

export const RestoreOffer = memo(function RestoreOffer() {
  const offer = useRecovery((s) => s.offer);
  const onRestore = useCallback(() => void actions.restoreSaved(), []);
  const onDismiss = useCallback(() => actions.dismissRestore(), []);
  if (!offer) return null;
  const when = new Date(offer.savedAt).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="banner banner-restore" role="status" data-testid="restore-offer">
      <div className="banner-text">
        Your last scenario, <strong data-testid="restore-name">{offer.name}</strong> (saved {when}), can be restored. The default scenario is loaded meanwhile.
      </div>
      <div className="restore-actions">
        <button type="button" className="primary" onClick={onRestore} data-testid="restore-saved">
          Restore
        </button>
        <button type="button" onClick={onDismiss} data-testid="restore-dismiss">
          Dismiss
        </button>
      </div>
    </div>
  );
});
