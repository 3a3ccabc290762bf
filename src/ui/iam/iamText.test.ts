import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/messages';
import { iamMessages } from './messages';
import { denialText, resultText, ruleText } from './iamText';
import { createWorkerApi } from '../../workers/api';

const zh = translator(iamMessages, 'zh');
const en = translator(iamMessages, 'en');

describe('audit sentences in the console language', () => {
  it('says every rule of the attack preset in Chinese from its kind and values, and keeps the core sentence in English', () => {
    const api = createWorkerApi();
    expect(api.load({ preset: 'attack' }).ok).toBe(true);
    api.runToEnd();
    const trail = api.audit();
    expect(new Set(trail.map((e) => e.kind)).size).toBeGreaterThanOrEqual(4);
    for (const e of trail) {
      expect(ruleText(en, 'en', e)).toBe(e.rule);
      const text = ruleText(zh, 'zh', e);
      expect(text, e.rule).toMatch(/\p{Script=Han}/u);
      expect(text).not.toMatch(/\{\w+\}/);
      // The English template of the kind, filled from the values, is the core's own sentence.
      expect(en(`rule.${e.kind}` as never, e.params)).toBe(e.rule);
    }
    expect(trail.find((e) => e.kind === 'cross-tenant') && ruleText(zh, 'zh', trail.find((e) => e.kind === 'cross-tenant')!)).toMatch(/^跨租户：主体 acme-ops-key 在租户 (globex|initech) 上没有角色$/);
  });

  it('falls back to the English rule without values, and translates known results', () => {
    expect(ruleText(zh, 'zh', { kind: 'role', rule: 'role x allows y' })).toBe('role x allows y');
    expect(resultText(zh, 'zh', 'web scaled to 3 replicas')).toBe('web 已扩缩到 3 个副本');
    expect(resultText(zh, 'zh', 'web scaled to 2–5 replicas')).toBe('web 已扩缩到 2–5 个副本');
    expect(resultText(zh, 'zh', 'read')).toBe('已读取');
    expect(resultText(zh, 'zh', 'created manual-12')).toBe('已创建 manual-12');
    expect(resultText(zh, 'zh', 'shared-a-0 killed')).toBe('shared-a-0 已被关停');
    expect(resultText(zh, 'zh', 'failed: no room')).toBe('失败：no room');
    expect(resultText(en, 'en', 'web scaled to 3 replicas')).toBe('web scaled to 3 replicas');
    const d = { principal: 'v', action: 'service:scale', resource: 'tenant/acme/service/web', rule: 'cross-tenant: principal v has no role on tenant acme', kind: 'cross-tenant' as const, params: { principal: 'v', tenant: 'acme' } };
    expect(denialText(en, 'en', d)).toBe('Access denied: v may not service:scale tenant/acme/service/web (cross-tenant: principal v has no role on tenant acme)');
    expect(denialText(zh, 'zh', d)).toBe('访问被拒绝：v 不能对 tenant/acme/service/web 执行 service:scale（跨租户：主体 v 在租户 acme 上没有角色）');
  });

  it('says scripted compute results (resize, migrate, a failed resize) in Chinese from their codes, and as the core wrote them in English', async () => {
    const { PRESETS } = await import('../../core/presets');
    const { parseScenario } = await import('../../core/scenario/validate');
    const { createSimulation } = await import('../../core/sim/simulation');
    const doc = structuredClone(PRESETS['attack']!.scenario) as { actions: unknown[] };
    doc.actions.push(
      { at: 30, principal: 'admin', action: 'instance:resize', target: 'instance/globex-db-0', params: { type: 'g.large' } },
      { at: 60, principal: 'admin', action: 'instance:migrate', target: 'instance/globex-db-1' },
      { at: 90, principal: 'admin', action: 'instance:resize', target: 'instance/globex-db-1', params: { type: 'g.nothing' } },
    );
    const parsed = parseScenario(doc);
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
    const audit = createSimulation(parsed.scenario).runToEnd().iam!.audit.filter((e) => e.principal === 'admin' && /resize|migrate/.test(e.action));
    expect(audit).toHaveLength(3);
    for (const e of audit) {
      expect(e.resultCode, e.result).toBeDefined();
      expect(resultText(en, 'en', e.result!, e)).toBe(e.result);
      const text = resultText(zh, 'zh', e.result!, e);
      expect(text, e.result).toMatch(/\p{Script=Han}/u);
      expect(text, e.result).not.toMatch(/resized|migrat|unknown|failed/);
    }
  });
});
