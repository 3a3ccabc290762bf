/**
 * Editing in the infrastructure view: drag a service from the tray onto a host pool, a zone or a
 * region to place its replicas there (the service's placement: zones, tolerations of the pool's
 * taints, the pool's tenant; an instance type that fits when it had none). A drop on a host, or
 * one that cannot work, is refused in words. The tray also has the keyboard way: pick a service
 * and a place, then "Place".
 */
import { memo, useCallback, useEffect, useId, useState, type DragEvent } from 'react';
import { computeStore } from '../infra/computeStore';
import { commitEdit, refuse, useEditor } from './editStore';
import { getAt, idsOf, placeService, zonesOf, type Doc, type PlaceTarget } from './docEdits';
import { EditMessage } from './Palette';
import { startEditorSync } from './sync';
import { translate, useT } from '../i18n/messages';
import { editorMessages } from './editor.messages';
import { kindLabel } from './docEdits';

/** The drag's payload type (a service id). */
export const SERVICE_DRAG_TYPE = 'application/x-cumulo-service';

/** An infrastructure node id ("pool:general", "zone:eu-a", "host:general-0") as a place. */
export function placeOfNode(nodeId: string | null | undefined): PlaceTarget | null {
  if (!nodeId) return null;
  const i = nodeId.indexOf(':');
  if (i < 0) return null;
  const kind = nodeId.slice(0, i);
  const id = nodeId.slice(i + 1);
  return kind === 'pool' || kind === 'zone' || kind === 'region' || kind === 'host' ? { kind, id } : null;
}

/** Places `service` at `place` (an undoable scenario edit; the run restarts at 0 s). */
export function placeAt(service: string, place: PlaceTarget): Promise<boolean> {
  const types = computeStore.getState().info?.instanceTypes ?? [];
  return commitEdit(translate(editorMessages, 'placeName', { service, kind: place.kind === 'host' ? place.kind : kindLabel(place.kind), id: place.id }), (doc) => placeService(doc, service, place, types), `service:${service}`);
}

export function onInfraDragOver(e: DragEvent): void {
  if (!e.dataTransfer.types.includes(SERVICE_DRAG_TYPE)) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = 'link';
}

/** A service dropped on the infrastructure view: onto the node under the pointer. */
export function onInfraDrop(e: DragEvent): void {
  const service = e.dataTransfer.getData(SERVICE_DRAG_TYPE);
  if (!service) return;
  e.preventDefault();
  const el = e.target instanceof Element ? e.target.closest('.react-flow__node') : null;
  const place = placeOfNode(el?.getAttribute('data-id'));
  if (!place) {
    refuse(translate(editorMessages, 'trayDropHere', { id: service }));
    return;
  }
  void placeAt(service, place);
}

function placesOf(doc: Doc): Array<readonly [string, string]> {
  const tr = (key: 'placePool' | 'placeZone' | 'placeRegion', id: string) => translate(editorMessages, key, { id });
  return [
    ...idsOf(doc, 'pool').map((p) => [`pool:${p}`, tr('placePool', p)] as const),
    ...zonesOf(doc).map((z) => [`zone:${z.zone}`, tr('placeZone', z.zone)] as const),
    ...idsOf(doc, 'region').map((r) => [`region:${r}`, tr('placeRegion', r)] as const),
  ];
}

/** Where a service runs now, in a few words. */
function whereOf(doc: Doc, id: string): string {
  const services = Array.isArray(doc.services) ? (doc.services as unknown[]) : [];
  const i = services.findIndex((s) => typeof s === 'object' && s !== null && (s as { id?: unknown }).id === id);
  const placement = getAt(doc, ['services', i, 'placement']);
  if (placement === undefined) return translate(editorMessages, 'whereNone', { id });
  const zones = getAt(doc, ['services', i, 'placement', 'zones']);
  return Array.isArray(zones) && zones.length > 0 ? translate(editorMessages, 'whereZones', { id, zones: zones.join(', ') }) : translate(editorMessages, 'whereAny', { id });
}

/** The tray of services over the infrastructure view. */
export const ServiceTray = memo(function ServiceTray() {
  useEffect(() => startEditorSync(), []);
  const doc = useEditor((s) => s.doc);
  const busy = useEditor((s) => s.pending !== null);
  const t = useT(editorMessages);
  const [service, setService] = useState('');
  const [place, setPlace] = useState('');
  const serviceId = useId();
  const placeId = useId();
  const onDragStart = useCallback((e: DragEvent<HTMLElement>, id: string) => {
    e.dataTransfer.setData(SERVICE_DRAG_TYPE, id);
    e.dataTransfer.setData('text/plain', id);
    e.dataTransfer.effectAllowed = 'link';
  }, []);
  if (!doc) return null;
  const services = idsOf(doc, 'service');
  if (services.length === 0) return null;
  const places = placesOf(doc);
  const s = services.includes(service) ? service : services[0]!;
  const p = places.some(([v]) => v === place) ? place : (places[0]?.[0] ?? '');
  return (
    <details className="infra-tray card" data-testid="infra-tray">
      <summary data-testid="infra-tray-open">{t('trayOpen')}</summary>
      <span className="field-label">{t('trayHint')}</span>
      <ul>
        {services.map((id) => (
          <li key={id}>
            <span className="chip" draggable onDragStart={(e) => onDragStart(e, id)} title={whereOf(doc, id)} data-testid={`infra-tray-chip-${id}`}>
              {id}
            </span>
          </li>
        ))}
      </ul>
      <div className="edit-row">
        <label className="sr-only" htmlFor={serviceId}>
          {t('trayService')}
        </label>
        <select id={serviceId} value={s} onChange={(e) => setService(e.target.value)} data-testid="infra-tray-service">
          {services.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
        <label className="sr-only" htmlFor={placeId}>
          {t('trayWhere')}
        </label>
        <select id={placeId} value={p} onChange={(e) => setPlace(e.target.value)} data-testid="infra-tray-place">
          {places.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={busy || p === ''}
          onClick={() => {
            const target = placeOfNode(p);
            if (target) void placeAt(s, target);
          }}
          data-testid="infra-tray-place-button"
        >
          {t('trayPlace')}
        </button>
      </div>
      <EditMessage />
    </details>
  );
});
