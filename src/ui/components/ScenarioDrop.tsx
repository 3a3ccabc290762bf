import { memo, useEffect, useState } from 'react';
import { actions } from '../bridge';
import { useT } from '../i18n/messages';
import { shellMessages as m } from './messages';

/** Whether a drag carries files (not text or a link dragged inside the page). */
function carriesFiles(e: DragEvent): boolean {
  return e.dataTransfer !== null && Array.from(e.dataTransfer.types).includes('Files');
}

/**
 * A scenario JSON file dropped anywhere on the console opens it (as "Open scenario…" does); while a
 * file is dragged over the page an overlay says so. Drags of anything else are left to the page
 * (the topology's own drag and drop).
 */
export const ScenarioDrop = memo(function ScenarioDrop() {
  const [over, setOver] = useState(false);
  const t = useT(m);
  useEffect(() => {
    // dragenter/dragleave fire for every child crossed: count them so the overlay does not flicker.
    let depth = 0;
    const onEnter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth++;
      setOver(true);
    };
    const onLeave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const onOver = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      // Without this the browser opens the file itself (and the console is gone).
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length > 1) actions.refuseDroppedFiles(files.length);
      else if (files[0]) void actions.openScenarioFile(files[0]);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
  if (!over) return null;
  return (
    <div className="scenario-drop" data-testid="scenario-drop" role="status">
      <p>{t('dropScenario')}</p>
    </div>
  );
});
