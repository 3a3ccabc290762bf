import { describe, expect, it } from 'vitest';
import { COMPUTE_TEXT, fail, say, SaidError } from './said';

describe('what the compute model says', () => {
  it('fills the English template from the parameters, nested reasons and lists included', () => {
    expect(say('lostWithHost', { host: 'h-1' })).toEqual({ code: 'lostWithHost', params: { host: 'h-1' }, text: 'lost with host h-1' });
    expect(say('repaired')).toEqual({ code: 'repaired', text: 'repaired' });
    const inner = say('killedByOperator');
    expect(say('notNeeded', { name: 'web-1', reason: inner }).text).toBe('not needed: web-1 ended (killed by the operator)');
    const list = [say('countedReason', { n: 3, reason: 'insufficient memory' }), say('countedReason', { n: 1, reason: 'wrong zone' })];
    expect(say('noHostAvailableWhy', { total: 4, reasons: list }).text).toBe('0/4 hosts available: 3 insufficient memory, 1 wrong zone');
  });

  it('keeps a missing parameter visible rather than inventing one', () => {
    expect(say('lostWithHost', {}).text).toBe('lost with host {host}');
  });

  it('errors carry what was said, with the English as their message', () => {
    const e = fail('errTakesNone', { host: 'h-2' });
    expect(e).toBeInstanceOf(SaidError);
    expect(e.message).toBe('h-2 takes no instances (failed, powered off or cordoned)');
    expect(e.said.code).toBe('errTakesNone');
  });

  it('every template names its parameters in braces only', () => {
    for (const [code, t] of Object.entries(COMPUTE_TEXT)) expect(t.replace(/\{\w+(?:\|[^|{}]*\|[^{}]*)?\}/g, ''), code).not.toMatch(/[{}]/);
  });

  it('picks an English plural by the number named in {n|one|other}', () => {
    expect(say('caWaitBooting', { n: 1, hosts: 2 }).text).toBe('1 pending instance waits for 2 hosts being provisioned');
    expect(say('caWaitBooting', { n: 3, hosts: 1 }).text).toBe('3 pending instances wait for 1 host being provisioned');
  });
});
