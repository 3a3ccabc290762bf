/**
 * The serverless panel's words built from data: keep-alive policy names, box and trigger kinds, and
 * the detail lines and trigger labels the worker sends as codes (ServerlessText), in the language
 * of the translate function given.
 */
import type { ServerlessNodeKind, ServerlessText, TriggerKind } from '../../workers/serverless-types';
import type { Translate } from '../i18n/messages';
import type { ServerlessKey } from './messages';

type T = Translate<ServerlessKey>;

const POLICY: Readonly<Record<string, ServerlessKey>> = { 'fixed-10m': 'policyFixed10', 'fixed-20m': 'policyFixed20', hybrid: 'policyHybrid' };

/** "fixed-10m" → "fixed 10 min"; another fixed TTL ("fixed-90s") → "fixed 90s"; other names as they are. */
export function policyName(t: T, name: string): string {
  const key = POLICY[name];
  if (key) return t(key);
  return name.startsWith('fixed-') ? t('policyFixed', { ttl: name.slice('fixed-'.length) }) : name;
}

const NODE_KIND: Readonly<Record<ServerlessNodeKind, ServerlessKey>> = {
  clients: 'kindClients',
  function: 'kindFunction',
  gateway: 'kindGateway',
  queue: 'kindQueue',
  topic: 'kindTopic',
  timer: 'kindTimer',
  bucket: 'kindBucket',
  table: 'kindTable',
};

export function nodeKindName(t: T, kind: string): string {
  const key = NODE_KIND[kind as ServerlessNodeKind];
  return key ? t(key) : kind;
}

/** A node key ("function:resize") as words ("function resize"). */
export function nodeKeyName(t: T, key: string): string {
  const at = key.indexOf(':');
  if (at < 0) return key;
  const kind = key.slice(0, at);
  const id = key.slice(at + 1);
  return `${kind === 'workload' ? t('edgeWorkload') : nodeKindName(t, kind)} ${id}`;
}

const EDGE_KIND: Readonly<Record<TriggerKind, ServerlessKey>> = {
  http: 'edgeHttp',
  subscription: 'edgeSubscription',
  queue: 'edgeQueue',
  timer: 'edgeTimer',
  bucket: 'edgeBucket',
  table: 'edgeTable',
  publish: 'edgePublish',
  send: 'edgeSend',
  invoke: 'edgeInvoke',
  'dead-letter': 'edgeDeadLetter',
  workload: 'edgeWorkload',
};

export function edgeKindName(t: T, kind: string): string {
  const key = EDGE_KIND[kind as TriggerKind];
  return key ? t(key) : kind;
}

/** A worded code in the language of `t`; the English text when there is no code (routes, filters, event names). */
export function serverlessText(t: T, text: ServerlessText | undefined, fallback: string): string {
  if (!text) return fallback;
  switch (text.code) {
    case 'clients':
      return t('txtClients', { arrival: text.arrival, n: text.n });
    case 'gateway':
      return t('txtGateway', { routes: text.routes, auth: text.auth });
    case 'gateway-limited':
      return t('txtGatewayLimited', { routes: text.routes, auth: text.auth, rate: text.rate, burst: text.burst });
    case 'cron':
      return t('txtCron', { cron: text.cron });
    case 'every':
      return t('txtEvery', { span: text.span });
    case 'timer':
      return t('txtTimer');
    case 'writes':
      return t('txtWrites', { arrival: text.arrival });
    case 'written-by-functions':
      return t('txtWrittenByFunctions');
    case 'subscriptions':
      return t('txtSubscriptions', { n: text.n });
    case 'queue-fifo':
      return t('txtQueueFifo', { visibility: text.visibility });
    case 'queue-standard':
      return t('txtQueueStandard', { visibility: text.visibility });
    case 'stream':
      return t('txtStream');
    case 'all-messages':
      return t('txtAllMessages');
    case 'batch':
      return t('txtBatch', { n: text.n });
    case 'after-receives':
      return t('txtAfterReceives', { n: text.n });
    case 'publish':
      return t('txtPublish');
    case 'send':
      return t('txtSend');
    case 'invoke':
      return t('txtInvoke');
    case 'publish-p':
      return t('txtPublishP', { p: text.p });
    case 'send-p':
      return t('txtSendP', { p: text.p });
    case 'invoke-p':
      return t('txtInvokeP', { p: text.p });
    default:
      return fallback;
  }
}
