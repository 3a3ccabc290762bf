import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { start } from './bridge';
import { compareActions } from './compare/compareBridge';
import { msg } from './localText';
import { consoleStore } from './store';
import { resetLivePace, watchFrames } from './framePace';
import { appMessages } from './app.messages';
import './styles.css';
import './containment.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary what={msg(appMessages, 'theConsole')}>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);

// Frame health decides the live view's pace while a run plays (framePace.ts).
// A new scenario (or a reset, a recovered worker's reload) starts at the normal pace again.
let paceScenario: number | undefined;
consoleStore.subscribe((s) => {
  const rev = s.status?.scenarioRev;
  if (rev !== paceScenario) {
    paceScenario = rev;
    resetLivePace();
  }
  watchFrames(s.status?.playing === true);
});

// A link with a variant B (`&b=`) opens A/B compare once the scenario is loaded.
void start().then(() => compareActions.openFromLink());
