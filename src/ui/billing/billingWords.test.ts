import { describe, expect, it } from 'vitest';
import type { BudgetAlert, Recommendation } from '../../workers/billing';
import { translator } from '../i18n/messages';
import { billingMessages } from './messages';
import { alertText, billError, categoryName, pricingName, recommendationText, resourceName, skipReason, unitName } from './billingWords';

const en = translator(billingMessages, 'en');
const zh = translator(billingMessages, 'zh');

const rec = (target: string, summary: string, detail: Recommendation['detail']) => ({ target, summary, detail });

describe('billing words from the bill’s structure', () => {
  it('words recommendations in English as the core summarises them', () => {
    // The core's own sentences for these figures (recommend.ts), reproduced from the structure.
    const spot = rec('batch', 'batch tolerates interruptions (batch work (a lifetime), replaced when lost): run it on spot, about 30 % of on-demand', {
      kind: 'spot',
      why: 'batch',
      replicas: 4,
      fraction: 0.3,
    });
    expect(recommendationText(en, spot)).toBe(spot.summary);
    const rightsize = rec('web', 'web: peak utilization 35 % of g.large would be 70 % of g.medium (target 80 %): move to g.medium', {
      kind: 'rightsize',
      peak: 0.35,
      from: 'g.large',
      projected: 0.7,
      to: 'g.medium',
      target: 0.8,
    });
    expect(recommendationText(en, rightsize)).toBe(rightsize.summary);
    const reserve = rec('eu-west/g.large', '', { kind: 'reserve', steady: 4, type: 'g.large', region: 'eu-west', existing: 1, count: 3, term: '1y', upfront: 'none', rate: 0.1, onDemand: 0.16, longest: 0.06 });
    expect(recommendationText(en, reserve)).toBe(
      'at least 4 × g.large ran in eu-west throughout (1 already reserved): reserve 3 for 1 year (no upfront, $0.1000/h instead of $0.1600/h; 3 years all upfront: $0.0600/h)',
    );
  });

  it('words them in Chinese with the same figures and ids', () => {
    const reserve = rec('eu-west/g.large', '', { kind: 'reserve', steady: 4, type: 'g.large', region: 'eu-west', existing: 0, count: 4, term: '3y', upfront: 'partial', rate: 0.1, onDemand: 0.16, longest: 0.06 });
    expect(recommendationText(zh, reserve)).toBe('eu-west 中始终至少有 4 台 g.large 在运行：预留 4 台，期限 3 年（部分预付，$0.1000/h，按需为 $0.1600/h；3 年全额预付：$0.0600/h）');
    expect(recommendationText(zh, rec('legacy', '', { kind: 'scale-to-zero', cost: 12.5 }))).toBe(
      'legacy 在整个运行期间没有收到任何请求，却花费了 $12.50：让它缩容到零（配置 minReplicas 为 0 的自动扩缩容）',
    );
    expect(recommendationText(zh, rec('web', '', { kind: 'spot', why: 'replicas', replicas: 3, fraction: 0.3 }))).toBe('web 可以容忍中断（负载均衡后有 3 个副本）：改用竞价实例，价格约为按需的 30 %');
  });

  it('keeps the English summary when a recommendation has no structure', () => {
    expect(recommendationText(zh, { target: 'x', summary: 'older words' })).toBe('older words');
  });

  it('words budget alerts, line items, skips and refusals', () => {
    const alert: BudgetAlert = { t: 600, tenant: 'shop', kind: 'forecast', threshold: 0.8, budget: 500, amount: 812.345, message: '' };
    expect(alertText(en, alert)).toBe('shop: forecast $812.35 for the month crosses 80 % of its $500.00 budget');
    expect(alertText(zh, { ...alert, kind: 'actual' })).toBe('shop：支出已达到月度预算 $500.00 的 80 %');
    expect(categoryName(zh, 'unused-reservation')).toBe('未使用的预留');
    expect(pricingName(zh, 'on-demand')).toBe('按需');
    expect(pricingName(zh, 'spot')).toBe('竞价');
    expect(pricingName(zh, 'reserved')).toBe('预留');
    expect(resourceName(zh, { code: 'egress', destination: 'crossRegion', toRegion: 'pub' }, 'to pub (another region)')).toBe('到 pub（跨地域）');
    expect(resourceName(en, { code: 'egress', destination: 'internet', toRegion: 'internet' }, 'x')).toBe('to the internet');
    expect(resourceName(zh, { code: 'type-region', type: 'g.large', region: 'eu-west' }, 'x')).toBe('g.large · eu-west');
    expect(resourceName(zh, undefined, 'as the core wrote it')).toBe('as the core wrote it');
    expect(resourceName(en, { code: 'function-duration', memoryMb: 512 }, 'x')).toBe('duration · 512 MB');
    expect(resourceName(zh, { code: 'function-requests' }, 'x')).toBe('请求数');
    expect(categoryName(zh, 'function')).toBe('函数');
    expect(unitName(zh, 'requests')).toBe('次请求');
    expect(unitName(zh, 'GB-seconds')).toBe('GB-seconds');
    expect(skipReason(zh, { id: 'reserve:a/b', reason: '', code: 'replaced', by: 'reserve:a/c', to: 'c' })).toBe('已由 reserve:a/c 取代：该规格已调整为 c');
    expect(billError(zh, { error: 'x', code: 'billing-off' })).toBe('该场景关闭了计费（billing.enabled: false）');
    expect(billError(zh, { error: 'access denied: …' })).toBe('access denied: …');
  });
});
