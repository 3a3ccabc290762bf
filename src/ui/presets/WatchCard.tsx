/** "What to watch": the loaded preset's classroom note and the question to ask the class. */
import { memo, useId, useState } from 'react';
import { useConsole } from '../store';
import { useLang } from '../i18n/lang';
import { useT } from '../i18n/messages';
import { presetsMessages } from './messages';
import { presetNote } from './presets.messages';

export const WatchCard = memo(function WatchCard() {
  const preset = useConsole((s) => {
    const id = s.scenario?.preset;
    return id === undefined ? undefined : s.presets.find((p) => p.id === id);
  });
  const [open, setOpen] = useState(true);
  const headingId = useId();
  const lang = useLang();
  const t = useT(presetsMessages);
  if (!preset || (!preset.watch && !preset.question)) return null;
  return (
    <section className="card watch-card" aria-labelledby={headingId} data-testid="watch-card">
      <header className="watch-head">
        <h2 id={headingId}>{t('watchTitle')}</h2>
        <button type="button" className="linkish" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="watch-toggle">
          {open ? t('hide') : t('show')}
        </button>
      </header>
      {open && (
        <>
          <p className="watch-text" data-testid="watch-text">
            {presetNote(lang, preset.id, 'watch', preset.watch)}
          </p>
          <p className="watch-question" data-testid="watch-question">
            <strong>{t('askTheClass')}</strong> {presetNote(lang, preset.id, 'question', preset.question)}
          </p>
        </>
      )}
    </section>
  );
});
