/**
 * The island's strings: the `check` part of the site catalogue, passed in as props by the Astro page
 * (the island never loads i18next). `{{name}}` placeholders are filled here.
 */
export type StringTree = { [key: string]: string | string[] | StringTree };

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export function makeTranslate(tree: StringTree): Translate {
  return (key, params) => {
    let node: string | string[] | StringTree | undefined = tree;
    for (const part of key.split('.')) {
      // Keys can hold an answer (a period, a basis): own entries only, never Object.prototype's.
      node = typeof node === 'object' && node !== null && !Array.isArray(node) && Object.hasOwn(node, part) ? node[part] : undefined;
    }
    if (typeof node !== 'string') return key;
    return params
      ? node.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) => (params[name] !== undefined ? String(params[name]) : m))
      : node;
  };
}
