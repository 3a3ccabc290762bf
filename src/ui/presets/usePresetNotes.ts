/** Preset notes and the loaded scenario's name in the console's language (see presets.messages.ts). */
import { useLang } from '../i18n/lang';
import { useConsole } from '../store';
import { presetNote } from './presets.messages';

/** The scenario's name and description for the top bar: translated while it is an unmodified preset. */
export function useScenarioTitle(name: string, description: string): { name: string; description: string } {
  const lang = useLang();
  const preset = useConsole((s) => s.scenario?.preset);
  return {
    name: presetNote(lang, preset, 'name', name),
    description: presetNote(lang, preset, 'scenarioDescription', description),
  };
}
