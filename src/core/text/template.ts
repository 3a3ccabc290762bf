/**
 * Message templates shared by the core's sentences and the console's catalogs: `{name}` is a
 * parameter, `{name|one|other}` the word `one` when the parameter is 1, else `other`. A parameter
 * that is missing stays visible as `{name}` rather than vanishing. Pure and dependency-free, so the
 * console may import it (the one formatter, not a copy).
 */
export const TEMPLATE_TOKEN = /\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g;

export function fillTemplate(template: string, param: (name: string) => string | number | undefined): string {
  return template.replace(TEMPLATE_TOKEN, (whole, name: string, one: string | undefined, other: string | undefined) => {
    const v = param(name);
    if (v === undefined) return whole;
    if (one !== undefined && other !== undefined) return Number(v) === 1 ? one : other;
    return String(v);
  });
}
