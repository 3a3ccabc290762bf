import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { msg, renderText } from './localText';
import { noticeMessages } from './notices.messages';
import { richText } from './components/richText';
import { policyLabel, policyShort, policyText, POLICIES } from './inspector/policies';

describe('texts put into words when shown', () => {
  it('a plain text is shown as it is in both languages', () => {
    expect(renderText('line 3: "12x" is not a number', 'en')).toBe('line 3: "12x" is not a number');
    expect(renderText('line 3: "12x" is not a number', 'zh')).toBe('line 3: "12x" is not a number');
  });

  it('a stored notice follows the language it is shown in, nested messages included', () => {
    const title = msg(noticeMessages, 'failed', { what: msg(noticeMessages, 'whatRunToEnd') });
    expect(renderText(title, 'en')).toBe('Run to end failed');
    expect(renderText(title, 'zh')).toBe('运行到结束失败');
    const balancer = msg(noticeMessages, 'balancerFailed', { service: 'api', policy: policyText('power-of-two') });
    expect(renderText(balancer, 'en')).toBe('The balancer of api could not be switched to Power of two choices');
    expect(renderText(balancer, 'zh')).toBe('无法将 api 的负载均衡策略切换为“随机二选一（P2C）”');
  });

  it('numbers and ids in parameters are kept as given', () => {
    const t = msg(noticeMessages, 'traceImportedCounts', { workload: 'shoppers', values: '1,440', file: 'nasa.csv' });
    expect(renderText(t, 'en')).toBe('Trace imported into shoppers: 1,440 minutes of counts from nasa.csv. The run starts again at 0.');
    expect(renderText(t, 'zh')).toContain('1,440');
    expect(renderText(t, 'zh')).toContain('shoppers');
  });
});

describe('richText', () => {
  it('puts elements where each language puts the placeholder', () => {
    const html = (text: string) => renderToStaticMarkup(<p>{richText(text, { name: <strong>web</strong> })}</p>);
    expect(html('Your last scenario, {name} (saved today)')).toBe('<p>Your last scenario, <strong>web</strong> (saved today)</p>');
    expect(html('可以恢复你上次的场景 {name}')).toBe('<p>可以恢复你上次的场景 <strong>web</strong></p>');
  });

  it('leaves text without the placeholder, and unknown placeholders, untouched', () => {
    expect(renderToStaticMarkup(<p>{richText('no {other} here', { name: 'x' })}</p>)).toBe('<p>no {other} here</p>');
  });
});

describe('policy names', () => {
  it('every policy has a name in both languages, and unknown ids are shown as they are', () => {
    for (const p of POLICIES) {
      expect(policyLabel(p, 'en')).not.toBe(p);
      expect(policyLabel(p, 'zh')).toMatch(/\p{Script=Han}/u);
    }
    expect(policyLabel('some-new-policy', 'zh')).toBe('some-new-policy');
    expect(policyLabel(undefined, 'en')).toBe('—');
  });

  it('short marker names: abbreviations stay, words are translated', () => {
    expect(policyShort('power-of-two', 'zh')).toBe('P2C');
    expect(policyShort('random', 'zh')).toBe('随机');
    expect(policyShort('random', 'en')).toBe('Random');
  });
});
