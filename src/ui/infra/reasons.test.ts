import { describe, expect, it } from 'vitest';
import type { PlacementExplanation } from '../../workers/sim.worker';
import { placeholders } from '../i18n/messages';
import { reasonMessages } from './reasons.messages';
import { filterReasonText, reasonListText, ruleText, saidText, stateText, summaryText } from './saidText';

const HAN = /\p{Script=Han}/u;

/** The core, loaded the way a test may (the UI itself imports only its types). */
async function core() {
  const said = await import('../../core/compute/said');
  const { PRESETS } = await import('../../core/presets');
  const { createSimulation } = await import('../../core/sim/simulation');
  const { parseScenario } = await import('../../core/scenario/validate');
  return { said, PRESETS, createSimulation, parseScenario };
}

describe('what the compute model says, in both languages', () => {
  it('every template the compute model can say (all of COMPUTE_TEXT, not just those a run happens to hit) has a Chinese rendering', async () => {
    const { said } = await core();
    const codes = Object.keys(said.COMPUTE_TEXT);
    expect(codes.length).toBeGreaterThan(140);
    for (const code of codes) {
      const template = said.COMPUTE_TEXT[code as keyof typeof said.COMPUTE_TEXT];
      // One English source: the catalog's English side is the core's table itself.
      expect(reasonMessages.en[code as keyof typeof reasonMessages.en], code).toBe(template);
      const zh = reasonMessages.zh[code as keyof typeof reasonMessages.zh];
      expect(zh, code).toBeTruthy();
      expect(placeholders(zh), code).toEqual(placeholders(template));
      // Filled with sample values, the Chinese sentence is complete and has Chinese in it.
      const params = Object.fromEntries(placeholders(template).map((p) => [p, 2]));
      const text = saidText('zh', code, params, '');
      expect(text, code).not.toMatch(/\{\w+(\|[^}]*)?\}/);
      if (/[A-Za-z]{3,}/.test(template.replace(/\{[^}]*\}/g, ''))) expect(text, code).toMatch(HAN);
    }
  });

  it('renders every coded log entry, operation answer and placement summary of real runs: English exactly as the core wrote it, Chinese fully filled in', async () => {
    const { PRESETS, createSimulation, parseScenario } = await core();
    let coded = 0;
    let summaries = 0;
    let autoscaling = 0;
    for (const id of ['zone-outage', 'hybrid-dc', 'flash-crowd']) {
      const parsed = parseScenario(PRESETS[id]!.scenario);
      if (!parsed.ok) throw new Error(`${id} does not parse`);
      const sim = createSimulation(parsed.scenario, {});
      sim.runUntil(300);
      const c = sim.compute!;
      const hosts = c.hosts.id;
      const running = c.instances.filter((i) => i.state === 'running' && i.kind === 'vm');
      const answers = [
        sim.operate({ op: 'kill-host', host: hosts[0]! }),
        sim.operate({ op: 'kill-host', host: hosts[0]! }),
        sim.operate({ op: 'drain', host: hosts[1]! }),
        sim.operate({ op: 'uncordon', host: hosts[1]! }),
        sim.operate({ op: 'migrate', instance: running[0]?.name ?? 'x', host: hosts[0]! }),
        sim.operate({ op: 'migrate', instance: running[1]?.name ?? 'x' }),
        sim.operate({ op: 'resize', instance: 'nobody', type: 'g.large' }),
        sim.operate({ op: 'create', type: 'g.medium', count: 2 }),
        sim.operate({ op: 'consolidate', threshold: 0.5 }),
      ];
      sim.runUntil(id === 'flash-crowd' ? 1800 : 1200);
      for (const a of answers) {
        if (!a.code) continue;
        coded++;
        expect(saidText('en', a.code, a.params, ''), a.message).toBe(a.message);
        const zh = saidText('zh', a.code, a.params, '');
        expect(zh, a.message).toMatch(HAN);
        expect(zh).not.toMatch(/\{\w+\}/);
      }
      for (const e of c.log) {
        if (!e.code) continue;
        coded++;
        expect(saidText('en', e.code, e.params, ''), e.reason).toBe(e.reason);
        const zh = saidText('zh', e.code, e.params, '');
        expect(zh, e.reason).toMatch(HAN);
        expect(zh).not.toMatch(/\{\w+\}/);
        // Nested placement summaries, autoscaler reasons and scheduler reasons are said in Chinese too, not left in English.
        expect(zh, e.reason).not.toMatch(/placed on|hosts available|insufficient|wrong zone|scale-up|scale-down|scaled down|pending instance|unneeded|autoscaler \(/);
        if (e.code.startsWith('ca') || e.code.startsWith('scaledDown') || (e.params && JSON.stringify(e.params).includes('scaledDown'))) autoscaling++;
      }
      for (const inst of c.instances) {
        const x = c.explain(inst.name).explanation;
        if (!x) continue;
        const e = JSON.parse(JSON.stringify(x)) as PlacementExplanation;
        summaries++;
        expect(summaryText('en', e, parsed.scenario.scheduler.strategy), inst.name).toBe(e.summary);
        expect(summaryText('zh', e, 'least-allocated')).toMatch(HAN);
      }
    }
    expect(coded).toBeGreaterThan(50);
    // flash-crowd: the cluster autoscaler's decisions and the HPA's scale-downs are in the log, with codes.
    expect(autoscaling).toBeGreaterThan(3);
    expect(summaries).toBeGreaterThan(10);
  });

  it('falls back to the English text for anything without a known code', () => {
    expect(saidText('zh', undefined, undefined, 'scaled down (cpu 20 % < 50 %)')).toBe('scaled down (cpu 20 % < 50 %)');
    expect(saidText('zh', 'no-such-code', {}, 'as written')).toBe('as written');
  });

  it('says nested reasons, states, filter reasons and rules in Chinese', () => {
    const nested = { code: 'killedByOperator' as const, text: 'killed by the operator' };
    expect(saidText('zh', 'notNeeded', { name: 'web-1', reason: nested }, '')).toBe('不再需要：web-1 已结束（被运维人员强制宕机）');
    expect(saidText('zh', 'replacing', { name: 'web-1', state: 'failed', at: '1.0 min' }, '')).toBe('替换 web-1（1.0 min 时故障）');
    expect(stateText('zh', 'not provisioned')).toBe('未开通');
    expect(stateText('zh', 'weird')).toBe('weird');
    expect(filterReasonText('zh', 'untolerated taint gpu')).toBe('存在未容忍的污点 gpu');
    expect(filterReasonText('zh', 'topology spread (max skew 1)')).toBe('拓扑分布约束（最大偏差 1）');
    expect(filterReasonText('zh', 'held by tenant acme (dedicated hosts)')).toBe('已被租户 acme 占用（专属主机）');
    expect(reasonListText('zh', { 'insufficient memory': 3, 'wrong zone': 2 }, 5)).toBe('3 台内存不足，2 台可用区不符');
    expect(reasonListText('en', { 'insufficient memory': 3, 'wrong zone': 2 }, 5)).toBe('3 insufficient memory, 2 wrong zone');
    expect(ruleText('zh', 'anti-affinity')).toBe('反亲和性');
    expect(ruleText('en', 'anti-affinity')).toBe('anti-affinity');
  });
});
