/* i18n-pending */
/** "What to watch": the loaded preset's classroom note and the question to ask the class. */
import { memo, useId, useState } from 'react';
import { useConsole } from '../store';

export const WatchCard = memo(function WatchCard() {
  const preset = useConsole((s) => {
    const id = s.scenario?.preset;
    return id === undefined ? undefined : s.presets.find((p) => p.id === id);
  });
  const [open, setOpen] = useState(true);
  const headingId = useId();
  if (!preset || (!preset.watch && !preset.question)) return null;
  return (
    <section className="card watch-card" aria-labelledby={headingId} data-testid="watch-card">
      <header className="watch-head">
        <h2 id={headingId}>What to watch</h2>
        <button type="button" className="linkish" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="watch-toggle">
          {open ? 'Hide' : 'Show'}
        </button>
      </header>
      {open && (
        <>
          <p className="watch-text" data-testid="watch-text">
            {preset.watch}
          </p>
          <p className="watch-question" data-testid="watch-question">
            <strong>Ask the class:</strong> {preset.question}
          </p>
        </>
      )}
    </section>
  );
});
