/**
 * The instance types a scenario knows, for the editor's dropdowns: the catalog the worker reports
 * with every loaded scenario, host pools or not (the built-in types and the scenario's own), plus the types the
 * edited document declares (a type just added under instanceTypes is offered before the run reloads).
 * A value outside the catalog stays shown as it is (the field keeps it, the schema names it).
 */
import { useMemo } from 'react';
import { useConsole } from '../store';
import { useT, type Translate } from '../i18n/messages';
import { useEditor } from './editStore';
import { type Doc, type InstanceTypeSize } from './docEdits';
import { fieldLabelMessages } from './fieldLabels.messages';

type Opts = Array<readonly [string, string]>;

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The catalog: the reported types, then the document's own (a document entry gives the sizes). */
export function instanceTypeCatalog(reported: readonly InstanceTypeSize[], doc: Doc | null): InstanceTypeSize[] {
  const byId = new Map<string, InstanceTypeSize>();
  for (const t of reported) byId.set(t.id, t);
  const own = doc && Array.isArray(doc.instanceTypes) ? doc.instanceTypes : [];
  for (const t of own) {
    if (!isObj(t) || typeof t.id !== 'string' || t.id === '') continue;
    const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
    byId.set(t.id, { id: t.id, vcpu: num(t.vcpu), memoryGiB: num(t.memoryGiB), ...(typeof t.gpu === 'number' ? { gpu: t.gpu } : {}) });
  }
  return [...byId.values()];
}

/** Dropdown choices (value, label) of a catalog: "m.large · 4 vCPU, 32 GiB". */
export function instanceTypeOptions(catalog: readonly InstanceTypeSize[], t: Translate<keyof typeof fieldLabelMessages.en>): Opts {
  return catalog.map((x) => [x.id, x.gpu ? t('typeOptionGpu', { id: x.id, vcpu: x.vcpu, mem: x.memoryGiB, gpu: x.gpu }) : t('typeOption', { id: x.id, vcpu: x.vcpu, mem: x.memoryGiB })] as const);
}

const NONE: readonly InstanceTypeSize[] = [];

export interface InstanceTypeChoices {
  options: Opts;
  /** How a value outside the catalog is shown ("x.huge (not in the catalog)"). */
  unlisted: (value: string) => string;
}

/** The scenario's instance types as dropdown choices (stable while they do not change). */
export function useInstanceTypes(): InstanceTypeChoices {
  const reported = useConsole((s) => s.scenario?.instanceTypes ?? NONE);
  const own = useEditor((s) => (s.doc && Array.isArray(s.doc.instanceTypes) ? JSON.stringify(s.doc.instanceTypes) : ''));
  const t = useT(fieldLabelMessages);
  return useMemo(
    () => ({
      options: instanceTypeOptions(instanceTypeCatalog(reported, own === '' ? null : { instanceTypes: JSON.parse(own) as unknown }), t),
      unlisted: (value: string) => t('unlisted', { value }),
    }),
    [reported, own, t],
  );
}
