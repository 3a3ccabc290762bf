/**
 * The serverless form: account limits, keep-alive, prices; functions (runtime, memory, timeout,
 * concurrency, duration, outputs), queues with their consumer, topics with subscriptions, timers,
 * gateways with routes and clients, and the notifications of buckets and tables. HTTP traffic and
 * message filters stay in the JSON below. Removing an item repairs what named it.
 */
import { memo, useId, useMemo, type ReactNode } from 'react';
import { useT } from '../../i18n/messages';
import { commitEdit, useEditor } from '../editStore';
import { ExactIssues, Field, Rows, type RowColumn } from '../fields';
import { getAt, idsOf, setAt, uniqueId, type Doc, type DocPath } from '../docEdits';
import {
  consumerKindOf,
  CONSUMER_KINDS,
  DURATION_TYPES,
  durationOfType,
  keepAliveOfType,
  newFunction,
  newGateway,
  newQueue,
  newTarget,
  newTimer,
  newTopic,
  removeServerless,
  renameClient,
  renameItem,
  renameRoute,
  renameTimer,
  serverlessIds,
  setFunctionPrice,
  TARGET_KINDS,
  targetKindOf,
  withConsumer,
  type ConsumerKind,
  type ServerlessKind,
  type TargetKind,
} from './blockEdits';
import { blockMessages } from './blocks.messages';
import { fieldLabelMessages, paramLabel } from '../fieldLabels.messages';
import { arrivalOfType } from '../ElementEditor';
import { ArrivalLists } from '../forms';
import { DistributionField, FilterField, PerMinuteField } from '../ValueEditors';
import { appendMade, BlockShell, CheckCell, fieldMaker, Group, idAt, Items, opts, useIds, withDefault, withNone, type T } from './kit';

/** The schema's runtimes (scenario/schema.ts FUNCTION_RUNTIMES). */
const FUNCTION_RUNTIMES = ['node', 'python', 'java', 'dotnet', 'go'] as const;

const scope = 'block:serverless';
const S = ['serverless'] as const;
type Obj = Record<string, unknown>;

const targetLabel = (t: T, k: TargetKind): string => t(k === 'function' ? 'toFunction' : k === 'queue' ? 'toQueue' : 'toTopic');

/** Where an event goes: the kind (function, queue, topic) and which one. */
const TargetCell = memo(function TargetCell({ toPath, testId, label }: { toPath: DocPath; testId: string; label: string }) {
  const kind = useEditor((s) => (s.doc ? targetKindOf(getAt(s.doc, toPath)) : 'function'));
  const ids = useIds((d) => serverlessIds(d, kind));
  const busy = useEditor((s) => s.pending !== null);
  const t = useT(blockMessages);
  const selectId = useId();
  return (
    <div className="edit-pair">
      <label htmlFor={selectId} className="sr-only">
        {t('targetKindOf', { what: label })}
      </label>
      <select
        id={selectId}
        value={kind}
        disabled={busy}
        data-testid={`${testId}-kind`}
        onChange={(e) => {
          const next = e.target.value as TargetKind;
          void commitEdit(`${label} → ${targetLabel(t, next)}`, (doc) => ({ ok: true, doc: setAt(doc, toPath, newTarget(doc, next)) }), scope);
        }}
      >
        {TARGET_KINDS.map((k) => (
          <option key={k} value={k}>
            {targetLabel(t, k)}
          </option>
        ))}
      </select>
      <Field scope={scope} path={[...toPath, kind]} label={t('targetOf', { what: label })} compact type="select" options={opts(ids)} editName={label} testId={`${testId}-id`} />
    </div>
  );
});

/** The numeric parameters of a distribution (mean, sd, min…), or the percentile points as JSON. */
function DistParams({ path, name, testId, scalarsOnly }: { path: DocPath; name: string; testId: string; scalarsOnly?: boolean }) {
  const keys = useIds((d) => {
    const v = getAt(d, path) as Obj | undefined;
    // An arrival's interpolation is the lists' dropdown; a trace's format, file and column stay in the JSON.
    const skip = scalarsOnly ? ['type', 'interpolation', 'format', 'file', 'column'] : ['type'];
    return v && typeof v === 'object' ? Object.keys(v).filter((k) => !skip.includes(k) && (!scalarsOnly || typeof v[k] === 'number' || typeof v[k] === 'string')) : [];
  });
  const tl = useT(fieldLabelMessages);
  return (
    <>
      {keys.map((k) => {
        const label = paramLabel(tl, k);
        return <Field key={k} scope={scope} path={[...path, k]} label={label} type={k === 'points' || k === 'samples' ? 'json' : 'number'} editName={`${name} · ${label}`} testId={`${testId}-${k}`} />;
      })}
    </>
  );
}

function FunctionFields({ path, index }: { path: DocPath; index: number }) {
  const t = useT(blockMessages);
  const tl = useT(fieldLabelMessages);
  const name = `${t('functions')} ${index + 1}`;
  const f = fieldMaker(t, scope, name);
  const tp = `blk-fn-${index}`;
  const outputColumns = useMemo<readonly RowColumn[]>(
    () => [
      { key: 'to', label: t('sendsTo'), render: (rowPath, i) => <TargetCell toPath={[...rowPath, 'to']} testId={`${tp}-out-${i}-to`} label={`${name} · ${t('output')} ${i + 1}`} /> },
      { key: 'probability', label: t('probability'), type: 'number', hint: t('outputProbabilityHint') },
    ],
    [name, t, tp],
  );
  return (
    <>
      <div className="edit-grid">
        {f([...path, 'id'], 'id', 'text', `${tp}-id`, { apply: (d: Doc, v: unknown) => renameItem(d, 'function', path, v) })}
        {f([...path, 'app'], 'app', 'text', `${tp}-app`, { hint: 'appHint' })}
        {f([...path, 'runtime'], 'runtime', 'select', `${tp}-runtime`, { options: withDefault(t, 'node', FUNCTION_RUNTIMES) })}
        {f([...path, 'memoryMb'], 'memoryMb', 'int', `${tp}-memory`, { hint: 'memoryMbHint' })}
        {f([...path, 'timeout'], 'timeout', 'duration', `${tp}-timeout`, { hint: 'fnTimeoutHint' })}
        {f([...path, 'packageMb'], 'packageMb', 'number', `${tp}-package`, { hint: 'packageMbHint' })}
        {f([...path, 'provisioned'], 'provisioned', 'int', `${tp}-provisioned`, { hint: 'provisionedHint' })}
        {f([...path, 'reserved'], 'reservedConcurrency', 'int', `${tp}-reserved`, { hint: 'reservedConcurrencyHint' })}
        {f([...path, 'failureRate'], 'failureRate', 'number', `${tp}-failureRate`, { hint: 'failureRateHint' })}
        {f([...path, 'tenant'], 'tenant', 'text', `${tp}-tenant`, { hint: 'fnTenantHint' })}
        {f([...path, 'duration', 'type'], 'durationType', 'select', `${tp}-duration-type`, {
          options: opts(DURATION_TYPES),
          apply: (d: Doc, v: unknown) => setAt(d, [...path, 'duration'], durationOfType(String(v), (getAt(d, [...path, 'duration']) ?? {}) as Obj)),
        })}
        <DistParams path={[...path, 'duration']} name={`${name} · ${t('durationType')}`} testId={`${tp}-duration`} />
      </div>
      <div className="edit-grid">
        <DistributionField scope={scope} path={[...path, 'init']} label={t('init')} context={name} testId={`${tp}-init`} unsetLabel={tl('initDefault')} fallbackMean={0.3} />
      </div>
      <PerMinuteField scope={scope} fnPath={path} name={name} testId={`${tp}-perMinute`} />
      <Rows scope={scope} path={[...path, 'outputs']} columns={outputColumns} newRow={(d: Doc) => ({ to: newTarget(d, 'topic') })} editName={`${name} · ${t('outputs')}`} itemLabel={t('output')} caption={t('outputs')} empty={t('noOutputs')} dropWhenEmpty testId={`${tp}-outputs`} />
    </>
  );
}

function QueueFields({ path, index }: { path: DocPath; index: number }) {
  const t = useT(blockMessages);
  const name = `${t('queues')} ${index + 1}`;
  const f = fieldMaker(t, scope, name);
  const tp = `blk-queue-${index}`;
  const queues = useIds((d) => serverlessIds(d, 'queue'));
  const functions = useIds((d) => serverlessIds(d, 'function'));
  const services = useIds((d) => idsOf(d, 'service'));
  const consumer = useEditor((s) => (s.doc ? consumerKindOf(getAt(s.doc, path)) : 'none'));
  const consumerLabels: Record<ConsumerKind, string> = { none: t('consumerNone'), function: t('consumerFunction'), service: t('consumerService') };
  const consumerId = useId();
  const busy = useEditor((s) => s.pending !== null);
  const c = [...path, 'consumer'];
  const sc = [...path, 'serviceConsumer'];
  return (
    <>
      <div className="edit-grid">
        {f([...path, 'id'], 'id', 'text', `${tp}-id`, { apply: (d: Doc, v: unknown) => renameItem(d, 'queue', path, v) })}
        {f([...path, 'type'], 'queueType', 'select', `${tp}-type`, { hint: 'queueTypeHint', options: withDefault(t, 'standard', ['standard', 'fifo']) })}
        {f([...path, 'visibilityTimeout'], 'visibilityTimeout', 'duration', `${tp}-visibility`, { hint: 'visibilityTimeoutHint' })}
        {f([...path, 'maxReceives'], 'maxReceives', 'int', `${tp}-maxReceives`, { hint: 'maxReceivesHint' })}
        {f([...path, 'deadLetter'], 'deadLetter', 'select', `${tp}-deadLetter`, { hint: 'deadLetterHint', options: withNone(t, queues) })}
        {f([...path, 'duplicateRate'], 'duplicateRate', 'number', `${tp}-duplicates`, { hint: 'duplicateRateHint' })}
        <div className="edit-field">
          <label className="field field-block" htmlFor={consumerId}>
            <span className="field-label">{t('consumer')}</span>
            <select
              id={consumerId}
              value={consumer}
              disabled={busy}
              data-testid={`${tp}-consumer`}
              onChange={(e) => {
                const next = e.target.value as ConsumerKind;
                void commitEdit(`${name} · ${t('consumer')} → ${consumerLabels[next]}`, (d) => withConsumer(d, path, next), scope);
              }}
            >
              {CONSUMER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {consumerLabels[k]}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {consumer === 'function' && (
        <div className="edit-grid">
          {f([...c, 'function'], 'consumerFunction', 'select', `${tp}-consumer-function`, { options: opts(functions) })}
          {f([...c, 'batchSize'], 'batchSize', 'int', `${tp}-batch`, { hint: 'batchSizeHint' })}
          {f([...c, 'maxConcurrency'], 'maxConcurrency', 'int', `${tp}-maxConcurrency`, { hint: 'maxConcurrencyHint' })}
          {f([...c, 'scaleUpPerMinute'], 'scaleUpPerMinute', 'int', `${tp}-scaleUp`, { hint: 'scaleUpPerMinuteHint' })}
          {f([...c, 'pollInterval'], 'pollInterval', 'duration', `${tp}-poll`, { hint: 'pollIntervalHint' })}
        </div>
      )}
      {consumer === 'service' && (
        <div className="edit-grid">
          {f([...sc, 'service'], 'consumerService', 'select', `${tp}-consumer-service`, { options: opts(services) })}
          {f([...sc, 'maxConcurrency'], 'maxConcurrency', 'int', `${tp}-svc-maxConcurrency`, { hint: 'svcMaxConcurrencyHint' })}
          {f([...sc, 'scaleUpPerMinute'], 'scaleUpPerMinute', 'int', `${tp}-svc-scaleUp`, { hint: 'scaleUpPerMinuteHint' })}
        </div>
      )}
      <Group title={t('retry')} note={t('retryNote')}>
        <div className="edit-grid">
          {f([...path, 'retry', 'base'], 'retryBase', 'duration', `${tp}-retry-base`, { hint: 'retryBaseHint' })}
          {f([...path, 'retry', 'factor'], 'retryFactor', 'number', `${tp}-retry-factor`, { hint: 'retryFactorHint' })}
          {f([...path, 'retry', 'max'], 'retryMax', 'duration', `${tp}-retry-max`, { hint: 'retryMaxHint' })}
        </div>
      </Group>
    </>
  );
}

function TopicFields({ path, index }: { path: DocPath; index: number }) {
  const t = useT(blockMessages);
  const name = `${t('topics')} ${index + 1}`;
  const f = fieldMaker(t, scope, name);
  const tp = `blk-topic-${index}`;
  const rename = (d: Doc, v: unknown): Doc => renameItem(d, 'topic', path, v);
  const subs = useEditor((s) => {
    const v = s.doc ? getAt(s.doc, [...path, 'subscriptions']) : undefined;
    return Array.isArray(v) ? v.length : 0;
  });
  const columns = useMemo<readonly RowColumn[]>(() => [{ key: 'to', label: t('deliversTo'), render: (rowPath, i) => <TargetCell toPath={[...rowPath, 'to']} testId={`${tp}-sub-${i}-to`} label={`${name} · ${t('subscription')} ${i + 1}`} /> }], [name, t, tp]);
  return (
    <>
      <div className="edit-grid">{f([...path, 'id'], 'id', 'text', `${tp}-id`, { apply: rename })}</div>
      <Rows scope={scope} path={[...path, 'subscriptions']} columns={columns} newRow={(d: Doc) => ({ to: newTarget(d, 'queue') })} editName={`${name} · ${t('subscriptions')}`} itemLabel={t('subscription')} caption={t('subscriptions')} empty={t('noSubscriptions')} testId={`${tp}-subs`} />
      <div className="edit-grid">
        {Array.from({ length: subs }, (_, i) => (
          <FilterField key={i} scope={scope} path={[...path, 'subscriptions', i, 'filter']} name={`${name} · ${t('subscription')} ${i + 1}`} index={i} testId={`${tp}-sub-${i}-filter`} />
        ))}
      </div>
    </>
  );
}

function GatewayFields({ path, index }: { path: DocPath; index: number }) {
  const t = useT(blockMessages);
  const name = `${t('gateways')} ${index + 1}`;
  const f = fieldMaker(t, scope, name);
  const tp = `blk-gateway-${index}`;
  const functions = useIds((d) => serverlessIds(d, 'function'));
  const routeColumns = useMemo<readonly RowColumn[]>(
    () => [
      { key: 'path', label: t('routePath'), type: 'text', hint: t('routePathHint'), apply: (d: Doc, v: unknown, rp: DocPath) => renameRoute(d, rp, v) },
      { key: 'function', label: t('functionCol'), type: 'select', options: opts(functions) },
    ],
    [functions, t],
  );
  const clientColumns = useMemo<readonly RowColumn[]>(
    () => [
      { key: 'id', label: t('clientId'), type: 'text', apply: (d: Doc, v: unknown, rp: DocPath) => renameClient(d, rp, v) },
      { key: 'rate', label: t('rate'), type: 'number', path: ['rateLimit', 'rate'], hint: t('rateHint') },
      { key: 'burst', label: t('burst'), type: 'int', path: ['rateLimit', 'burst'], hint: t('burstHint') },
      { key: 'revoked', label: t('revoked'), render: (rowPath, i) => <CheckCell scope={scope} path={[...rowPath, 'revoked']} label={t('revokedKey', { n: i + 1 })} editName={`${name} · ${t('revoked')}`} testId={`${tp}-client-${i}-revoked`} /> },
    ],
    [name, t, tp],
  );
  return (
    <>
      <div className="edit-grid">
        {f([...path, 'id'], 'id', 'text', `${tp}-id`, { apply: (d: Doc, v: unknown) => renameItem(d, 'gateway', path, v) })}
        {f([...path, 'auth'], 'auth', 'select', `${tp}-auth`, { hint: 'authHint', options: withDefault(t, 'api-key', ['none', 'api-key']) })}
        {f([...path, 'rateLimit', 'rate'], 'rate', 'number', `${tp}-rate`, { hint: 'rateHint' })}
        {f([...path, 'rateLimit', 'burst'], 'burst', 'int', `${tp}-burst`, { hint: 'burstHint' })}
      </div>
      <Rows scope={scope} path={[...path, 'routes']} columns={routeColumns} newRow={(d: Doc) => ({ path: `/route-${(getAt(d, [...path, 'routes']) as unknown[] | undefined)?.length ?? 0}`, function: serverlessIds(d, 'function')[0] ?? '' })} editName={`${name} · ${t('routes')}`} itemLabel={t('route')} caption={t('routes')} testId={`${tp}-routes`} />
      <Rows scope={scope} path={[...path, 'clients']} columns={clientColumns} newRow={(d: Doc) => ({ id: `client-${(getAt(d, [...path, 'clients']) as unknown[] | undefined)?.length ?? 0}` })} editName={`${name} · ${t('clients')}`} itemLabel={t('client')} caption={t('clients')} empty={t('noClients')} testId={`${tp}-clients`} />
    </>
  );
}

function StoreFields({ path, index, what }: { path: DocPath; index: number; what: 'buckets' | 'tables' }) {
  const t = useT(blockMessages);
  const name = `${t(what)} ${index + 1}`;
  const f = fieldMaker(t, scope, name);
  const tp = `blk-${what}-${index}`;
  const columns = useMemo<readonly RowColumn[]>(() => [{ key: 'to', label: t('notifies'), render: (rowPath, i) => <TargetCell toPath={rowPath} testId={`${tp}-notify-${i}`} label={`${name} · ${t('notification')} ${i + 1}`} /> }], [name, t, tp]);
  return (
    <>
      <div className="edit-grid">{f([...path, 'id'], 'id', 'text', `${tp}-id`)}</div>
      <ArrivalFields path={[...path, 'writes']} name={name} testId={`${tp}-writes`} optional />
      <Rows scope={scope} path={[...path, 'notify']} columns={columns} newRow={(d: Doc) => newTarget(d, 'function')} editName={`${name} · ${t('notifications')}`} itemLabel={t('notification')} caption={t('notifications')} empty={t('noNotifications')} testId={`${tp}-notify`} />
    </>
  );
}

const ARRIVAL_TYPES = ['poisson', 'piecewise', 'diurnal', 'spike', 'mmpp', 'trace'] as const;

/** An arrival process: its type (reshaped on change), its scalar parameters and its lists. */
function ArrivalFields({ path, name, testId, optional }: { path: DocPath; name: string; testId: string; optional?: boolean }) {
  const t = useT(blockMessages);
  const f = fieldMaker(t, scope, name);
  const present = useEditor((s) => (s.doc ? getAt(s.doc, path) !== undefined : false));
  return (
    <>
      <div className="edit-grid">
        {f([...path, 'type'], optional ? 'writes' : 'arrivals', 'select', `${testId}-type`, {
          options: optional ? withNone(t, ARRIVAL_TYPES) : opts(ARRIVAL_TYPES),
          apply: (d: Doc, v: unknown) => setAt(d, path, v === undefined || v === '' ? undefined : arrivalOfType(String(v), (getAt(d, path) ?? {}) as Obj)),
        })}
        {present && <DistParams path={path} name={name} testId={testId} scalarsOnly />}
      </div>
      {present && <ArrivalLists id={name} path={path} scope={scope} testId={testId} />}
    </>
  );
}

function HttpFields({ path, index }: { path: DocPath; index: number }) {
  const t = useT(blockMessages);
  const name = `${t('http')} ${index + 1}`;
  const f = fieldMaker(t, scope, name);
  const tp = `blk-http-${index}`;
  const gateways = useIds((d) => serverlessIds(d, 'gateway'));
  const routes = useIds((d) => {
    const g = getAt(d, [...path, 'gateway']);
    const gw = (getAt(d, [...S, 'gateways']) as Obj[] | undefined)?.find((x) => x.id === g);
    return Array.isArray(gw?.routes) ? (gw.routes as Obj[]).map((r) => String(r.path)) : [];
  });
  const columns = useMemo<readonly RowColumn[]>(
    () => [
      { key: 'client', label: t('clientId'), type: 'text', hint: t('httpClientHint') },
      { key: 'share', label: t('share'), type: 'number', hint: t('shareHint') },
      { key: 'noKey', label: t('noKey'), render: (rowPath, i) => <CheckCell scope={scope} path={[...rowPath, 'noKey']} label={t('noKeyOf', { n: i + 1 })} editName={`${name} · ${t('noKey')}`} testId={`${tp}-client-${i}-noKey`} /> },
    ],
    [name, t, tp],
  );
  return (
    <>
      <div className="edit-grid">
        {f([...path, 'id'], 'id', 'text', `${tp}-id`)}
        {f([...path, 'gateway'], 'gateway', 'select', `${tp}-gateway`, { options: opts(gateways) })}
        {f([...path, 'route'], 'routePath', 'select', `${tp}-route`, { options: opts(routes) })}
      </div>
      <ArrivalFields path={[...path, 'arrival']} name={name} testId={`${tp}-arrival`} />
      <Rows scope={scope} path={[...path, 'clients']} columns={columns} newRow={() => ({ client: 'anonymous', share: 1, noKey: true })} editName={`${name} · ${t('httpClients')}`} itemLabel={t('client')} caption={t('httpClients')} testId={`${tp}-clients`} />
    </>
  );
}

/** An HTTP source to the first gateway's first route: 5 req/s from one client. */
function newHttp(d: Doc): Obj {
  const g = (getAt(d, [...S, 'gateways']) as Obj[] | undefined)?.[0];
  const route = Array.isArray(g?.routes) ? String((g.routes as Obj[])[0]?.path ?? '/') : '/';
  const clients = Array.isArray(g?.clients) && g.clients.length > 0 ? [{ client: String((g.clients as Obj[])[0]!.id), share: 1 }] : [{ client: 'anonymous', share: 1, noKey: true }];
  return { id: uniqueId(serverlessIds(d, 'http'), 'traffic'), gateway: g ? String(g.id) : '', route, arrival: { type: 'poisson', rate: 5 }, clients };
}

const timerColumns = (t: T, functions: readonly string[]): readonly RowColumn[] => [
  { key: 'id', label: t('id'), type: 'text', apply: (d: Doc, v: unknown, rp: DocPath) => renameTimer(d, rp, v) },
  { key: 'function', label: t('functionCol'), type: 'select', options: opts(functions) },
  { key: 'cron', label: t('cron'), type: 'text', hint: t('cronHint') },
  { key: 'every', label: t('every'), type: 'duration', hint: t('everyHint') },
];

/** A list of serverless items of one kind whose removal repairs what names them. */
function ServerlessItems({ kind, list, label, make, render }: { kind: ServerlessKind; list: string; label: string; make: (d: Doc) => unknown; render: (p: DocPath, i: number) => ReactNode }) {
  const t = useT(blockMessages);
  const path = [...S, list];
  return (
    <Items
      scope={scope}
      path={path}
      itemLabel={label}
      name={t('serverless')}
      testId={`blk-${list}`}
      add={appendMade(path, make)}
      remove={(d, i) => removeServerless(d, kind, idAt(d, [...path, i]))}
      render={render}
    />
  );
}

/** The Azure Functions trace replay: its folder (empty removes the replay), minutes and runtime. */
function AzureTraceFields() {
  const t = useT(blockMessages);
  const tl = useT(fieldLabelMessages);
  const at = [...S, 'azureTrace'];
  const present = useEditor((s) => (s.doc ? getAt(s.doc, at) !== undefined : false));
  const name = `${t('serverless')} · ${tl('azureTrace')}`;
  return (
    <div className="edit-grid">
      <Field
        scope={scope}
        path={[...at, 'folder']}
        label={tl('azureFolder')}
        type="text"
        hint={tl('azureFolderHint')}
        editName={`${name} · ${tl('azureFolder')}`}
        testId="blk-sls-azure-folder"
        apply={(d: Doc, v: unknown) => (v === undefined ? setAt(d, at, undefined) : setAt(d, [...at, 'folder'], v))}
      />
      {present && (
        <>
          <Field scope={scope} path={[...at, 'minutes']} label={tl('azureMinutes')} type="int" hint={tl('azureMinutesHint')} editName={`${name} · ${tl('azureMinutes')}`} testId="blk-sls-azure-minutes" />
          <Field scope={scope} path={[...at, 'runtime']} label={tl('azureRuntime')} type="select" options={withDefault(t, 'node', FUNCTION_RUNTIMES)} editName={`${name} · ${tl('azureRuntime')}`} testId="blk-sls-azure-runtime" />
        </>
      )}
    </div>
  );
}

export const ServerlessForm = memo(function ServerlessForm() {
  const t = useT(blockMessages);
  const tl = useT(fieldLabelMessages);
  const name = t('serverless');
  const f = fieldMaker(t, scope, name);
  const keepAlive = useEditor((s) => (s.doc ? getAt(s.doc, [...S, 'keepAlive', 'type']) : undefined)) === 'hybrid' ? 'hybrid' : 'fixed';
  const functions = useIds((d) => serverlessIds(d, 'function'));
  const timers = useMemo(() => timerColumns(t, functions), [t, functions]);
  const k = [...S, 'keepAlive'];
  const gatewayCount = useIds((d) => serverlessIds(d, 'gateway')).length;
  return (
    <BlockShell id="serverless" name={name} absentNote={t('serverlessAbsent')}>
      <Group title={t('account')}>
        <div className="edit-grid">
          {f([...S, 'account', 'concurrencyLimit'], 'concurrencyLimit', 'int', 'blk-sls-concurrency', { hint: 'concurrencyLimitHint' })}
          {f([...S, 'account', 'scaling', 'environments'], 'scalingEnvironments', 'int', 'blk-sls-scaling-envs', { hint: 'scalingEnvironmentsHint' })}
          {f([...S, 'account', 'scaling', 'per'], 'scalingPer', 'duration', 'blk-sls-scaling-per', { hint: 'scalingPerHint' })}
          {f([...S, 'prices', 'perMillionRequests'], 'perMillion', 'number', 'blk-sls-price-requests', { hint: 'perMillionHint', apply: (d: Doc, v: unknown) => setFunctionPrice(d, 'serverless', 'perMillionRequests', v) })}
          {f([...S, 'prices', 'perGbSecond'], 'perGbSecond', 'number', 'blk-sls-price-gbs', { hint: 'perGbSecondHint', apply: (d: Doc, v: unknown) => setFunctionPrice(d, 'serverless', 'perGbSecond', v) })}
        </div>
      </Group>
      <Group title={t('keepAlive')}>
        <div className="edit-grid">
          {f([...k, 'type'], 'keepAliveType', 'select', 'blk-sls-keepalive-type', {
            options: [
              ['fixed', t('keepAliveFixed')],
              ['hybrid', t('keepAliveHybrid')],
            ],
            apply: (d: Doc, v: unknown) => setAt(d, k, keepAliveOfType(String(v), (getAt(d, k) ?? {}) as Obj)),
          })}
          {keepAlive === 'fixed' && f([...k, 'ttl'], 'ttl', 'duration', 'blk-sls-keepalive-ttl', { hint: 'ttlHint' })}
          {keepAlive === 'hybrid' && (
            <>
              {f([...k, 'range'], 'range', 'duration', 'blk-sls-keepalive-range', { hint: 'rangeHint' })}
              {f([...k, 'bin'], 'bin', 'duration', 'blk-sls-keepalive-bin', { hint: 'binHint' })}
              {f([...k, 'head'], 'head', 'number', 'blk-sls-keepalive-head', { hint: 'headHint' })}
              {f([...k, 'tail'], 'tail', 'number', 'blk-sls-keepalive-tail', { hint: 'tailHint' })}
              {f([...k, 'margin'], 'margin', 'number', 'blk-sls-keepalive-margin', { hint: 'marginHint' })}
              {f([...k, 'fallbackTtl'], 'fallbackTtl', 'duration', 'blk-sls-keepalive-fallback', { hint: 'fallbackTtlHint' })}
            </>
          )}
        </div>
        <ExactIssues scope={scope} path={k} testId="blk-sls-keepalive" />
      </Group>
      <Group title={t('functions')}>
        <ServerlessItems kind="function" list="functions" label={t('function')} make={newFunction} render={(p, i) => <FunctionFields path={p} index={i} />} />
      </Group>
      <Group title={tl('azureTrace')}>
        <AzureTraceFields />
      </Group>
      <Group title={t('queues')}>
        <ServerlessItems kind="queue" list="queues" label={t('queue')} make={newQueue} render={(p, i) => <QueueFields path={p} index={i} />} />
      </Group>
      <Group title={t('topics')}>
        <ServerlessItems kind="topic" list="topics" label={t('topic')} make={newTopic} render={(p, i) => <TopicFields path={p} index={i} />} />
      </Group>
      <Group title={t('timers')}>
        <Rows scope={scope} path={[...S, 'timers']} columns={timers} newRow={newTimer} editName={`${name} · ${t('timers')}`} itemLabel={t('timer')} empty={t('noTimers')} testId="blk-timers" />
      </Group>
      <Group title={t('gateways')}>
        <ServerlessItems kind="gateway" list="gateways" label={t('gateway')} make={newGateway} render={(p, i) => <GatewayFields path={p} index={i} />} />
      </Group>
      <Group title={t('httpSources')}>
        {gatewayCount > 0 ? (
          <ServerlessItems kind="http" list="http" label={t('http')} make={newHttp} render={(p, i) => <HttpFields path={p} index={i} />} />
        ) : (
          <p className="note">{t('httpNeedsGateway')}</p>
        )}
      </Group>
      <Group title={t('buckets')}>
        <ServerlessItems kind="bucket" list="buckets" label={t('bucket')} make={(d) => ({ id: uniqueId(serverlessIds(d, 'bucket'), 'bucket'), notify: [] })} render={(p, i) => <StoreFields path={p} index={i} what="buckets" />} />
      </Group>
      <Group title={t('tables')}>
        <ServerlessItems kind="table" list="tables" label={t('table')} make={(d) => ({ id: uniqueId(serverlessIds(d, 'table'), 'table'), notify: [] })} render={(p, i) => <StoreFields path={p} index={i} what="tables" />} />
      </Group>
      <p className="note">{t('slsJsonNote')}</p>
    </BlockShell>
  );
});
