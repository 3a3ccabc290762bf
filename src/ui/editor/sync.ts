/**
 * Connects the editor to the console: edits go through the bridge's `loadEdited`, and a scenario
 * loaded by other means (a preset, a link, a trace import) becomes the document being edited and a
 * step of the history ("Load …"), so Undo brings the previous scenario back.
 */
import { actions } from '../bridge';
import { consoleStore } from '../store';
import { adoptDocument, editorStore, selectElement, setEditorBackend } from './editStore';
import { elementPath, type Doc } from './docEdits';
import { translate } from '../i18n/messages';
import { editorMessages } from './editor.messages';


let started = false;
/** The link whose document is being fetched (a newer load makes an older fetch moot). */
let fetching = '';

async function fetchDocument(link: string): Promise<void> {
  fetching = link;
  const doc = await actions.scenarioDocument();
  if (fetching !== link) return;
  fetching = '';
  // A newer load came meanwhile: its own check fetches it.
  const info = consoleStore.getState().scenario;
  if (info?.link !== link) return;
  adoptDocument(doc, link, info.preset ? translate(editorMessages, 'loadPreset', { id: info.preset }) : translate(editorMessages, 'loadNamed', { name: info.name }));
}

/** Starts the connection once (idempotent). */
export function startEditorSync(): void {
  if (started) return;
  started = true;
  setEditorBackend({ loadEdited: (doc: Doc) => actions.loadEdited(doc) });
  const check = (): void => {
    const info = consoleStore.getState().scenario;
    const ed = editorStore.getState();
    if (!info || ed.pending !== null) return;
    if (info.link === ed.link && ed.doc !== null) return;
    if (info.link === fetching) return;
    void fetchDocument(info.link);
  };
  consoleStore.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario) check();
    // A service picked (topology, palette) takes the inspector from a scenario-wide block.
    if (s.selectedService !== prev.selectedService && s.selectedService !== null && editorStore.getState().block !== null) editorStore.setState({ block: null });
  });
  // An edit that finished may have raced a load: look again once nothing is pending.
  editorStore.subscribe((s, prev) => {
    if (prev.pending !== null && s.pending === null) queueMicrotask(check);
    // A selection whose element is gone (removed, undone) is dropped.
    if (s.doc !== prev.doc && s.selection && s.doc && elementPath(s.doc, s.selection) === null) selectElement(null);
  });
  check();
}
