import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- the test compares the console's wording with the core's sentence
import { quotaRefusalText, type QuotaRefusal } from '../../core/tenancy/quota';
import { refusalReason } from './refusalText';

describe('quota refusals worded by the console', () => {
  it("the English wording is the core's sentence (property)", () => {
    const refusal = fc.record({
      tenant: fc.constantFrom('web', 'batch', 'acme'),
      region: fc.option(fc.constantFrom('eu', 'us-east'), { nil: null }),
      resource: fc.constantFrom<QuotaRefusal['resource']>('cpu', 'memory', 'instances'),
      would: fc.double({ min: 0, max: 500, noNaN: true }),
      cap: fc.double({ min: 0, max: 500, noNaN: true }),
    }) as fc.Arbitrary<QuotaRefusal>;
    fc.assert(
      fc.property(refusal, fc.boolean(), (q, notReplaced) => {
        const sentence = `${notReplaced ? 'not replaced: ' : ''}${quotaRefusalText(q)}`;
        expect(refusalReason('en', { reason: sentence, quota: q, notReplaced })).toBe(sentence);
      }),
    );
  });

  it('in Chinese', () => {
    const q: QuotaRefusal = { tenant: 'batch', region: null, resource: 'cpu', would: 18, cap: 16 };
    expect(refusalReason('zh', { reason: quotaRefusalText(q), quota: q })).toBe('租户 batch：requests.cpu 将达到 18/16');
    expect(refusalReason('zh', { reason: 'older' })).toBe('older');
    const regional: QuotaRefusal = { tenant: 'acme', region: 'eu', resource: 'memory', would: 70.5, cap: 64 };
    expect(refusalReason('zh', { reason: quotaRefusalText(regional), quota: regional, notReplaced: true })).toBe('未替换：租户 acme（eu）：requests.memory 将达到 70.5/64 GiB');
    const count: QuotaRefusal = { tenant: 'batch', region: null, resource: 'instances', would: 5, cap: 4 };
    expect(refusalReason('zh', { reason: quotaRefusalText(count), quota: count })).toBe('租户 batch：实例数将达到 5/4');
  });
});
