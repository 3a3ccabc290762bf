import { describe, expect, it } from 'vitest';
import { fillTemplate } from './template';

describe('message templates', () => {
  const p = (o: Record<string, string | number>) => (name: string) => o[name];
  it('fills parameters and picks the plural word by the number', () => {
    expect(fillTemplate('{n} {n|host|hosts} in {zone}', p({ n: 1, zone: 'a' }))).toBe('1 host in a');
    expect(fillTemplate('{n} {n|host|hosts} in {zone}', p({ n: 3, zone: 'a' }))).toBe('3 hosts in a');
    expect(fillTemplate('{n|one|other}', p({ n: '1' }))).toBe('one');
  });
  it('leaves a missing parameter visible', () => {
    expect(fillTemplate('{a} and {b} and {c|x|y}', p({ a: 'A' }))).toBe('A and {b} and {c|x|y}');
  });
});
