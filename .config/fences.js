/**
 * The house's fences: which rooms of `src/` a file may import from, as an allowlist per room. A room
 * not named in a file's `allow` is closed to it, so a new arrow between rooms is a deliberate edit of
 * this file rather than something lint lets through. Relative imports are resolved against the
 * importing file (so `../../server/x.ts` from `src/engine/rules/` is caught), and packages are
 * allowed by name (`npm`: a list of package names or `node:`-style prefixes, or `true` for any).
 *
 * `.astro` files are fenced too: the processor below hands ESLint their frontmatter and client
 * `<script>` blocks and keeps only the fence's findings (their other checks are `astro check`'s).
 */
import path from 'node:path';

/**
 * The engine's modules that hold data and plain arithmetic, not rules: the rooms of the web app may
 * import values from these and only types from the rest of the engine. Every computation (a check, a
 * life event, what-if, coming events) goes through the contract's doors (src/contract/).
 */
const ENGINE_DATA = ['engine/types.ts', 'engine/rulebook.ts', 'engine/dates.ts', 'engine/known.ts'];
/** Besides: cents at the console's edge (a staff member's amount in euros, formatting a sum). */
const ENGINE_DATA_AND_MONEY = [...ENGINE_DATA, 'engine/money.ts'];

/**
 * A room's allowance: rooms (`engine`) or single modules (`server/rulebook.ts`) under src/, and packages.
 * `values`: for a room it may import, the modules it may import values from; from the rest of that room
 * only types (`import type`, or every name marked `type`).
 */
const ROOMS = {
  // The engine is pure: only itself, no package at all (no Node built-ins, no zod, no framework).
  engine: { allow: ['engine'], npm: [] },
  i18n: { allow: ['i18n', 'engine'], npm: ['i18next'] },
  // The contract is the one door to the engine: it knows the engine, its texts and zod.
  contract: { allow: ['contract', 'engine', 'i18n'], npm: ['zod'] },
  content: { allow: ['content', 'engine'], npm: ['node:', 'yaml', 'zod', 'vite'] },
  screening: { allow: ['screening', 'engine', 'contract', 'content'], npm: ['node:', 'esbuild'] },
  // The site's logic without markup never reaches into the server.
  site: {
    allow: ['site', 'engine', 'contract', 'content', 'i18n'],
    values: { engine: ENGINE_DATA },
    npm: ['astro', 'node:', 'playwright-core', 'virtual:rondkomen/'],
  },
  // Islands run in the browser: nothing that needs Node or the server.
  islands: { allow: ['islands', 'site', 'engine', 'contract', 'i18n'], values: { engine: ENGINE_DATA }, npm: ['preact'] },
  // Components render what they are given: no server services. The build's rulebook, the console's
  // texts, date formats and form field names, and the database's row types are data, not services.
  components: {
    allow: [
      'components',
      'site',
      'engine',
      'contract',
      'content',
      'i18n',
      'islands',
      'server/rulebook.ts',
      'server/staff/i18n.ts',
      'server/staff/dates.ts',
      'server/staff/forms.ts',
      'server/db/schema.ts',
    ],
    values: { engine: ENGINE_DATA_AND_MONEY },
    npm: ['astro:', 'preact'],
  },
  layouts: {
    allow: ['layouts', 'components', 'site', 'engine', 'content', 'i18n', 'styles', 'server'],
    values: { engine: ENGINE_DATA },
    npm: ['@fontsource/', '@utrecht/', 'astro'],
  },
  server: {
    allow: ['server', 'engine', 'contract', 'content', 'i18n', 'site', 'screening'],
    values: { engine: ENGINE_DATA_AND_MONEY },
    npm: true,
  },
  cli: { allow: ['cli', 'engine', 'contract', 'content', 'i18n', 'site', 'server', 'screening'], npm: true },
  actions: { allow: ['actions', 'server', 'site', 'contract', 'engine'], values: { engine: ENGINE_DATA }, npm: ['astro:'] },
  'middleware.ts': { allow: ['server', 'site'], npm: ['astro:'] },
  pages: {
    allow: ['pages', 'components', 'layouts', 'islands', 'site', 'server', 'contract', 'content', 'engine', 'i18n', 'styles'],
    values: { engine: ENGINE_DATA_AND_MONEY },
    npm: true,
  },
  styles: { allow: ['styles'], npm: ['node:', '@nl-design-system-unstable/'] },
  types: { allow: ['types', 'engine', 'content'], npm: true },
};

const packageAllowed = (spec, npm) =>
  npm === true || npm.some((p) => (p.endsWith(':') || p.endsWith('/') ? spec.startsWith(p) : spec === p || spec.startsWith(`${p}/`)));

/** The module path under src/ of `file` (`engine/rules/x.ts`), or undefined outside src/. */
function underSrc(file) {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('src');
  return at < 0 ? undefined : parts.slice(at + 1).join('/');
}

/**
 * Whether an import or re-export brings in types only: `import type …`, `export type … from`, or
 * braces in which every name is marked `type`. A bare `import './x.ts'` runs the module: not types.
 */
function typeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const names = node.specifiers ?? [];
  return names.length > 0 && names.every((n) => n.importKind === 'type' || n.exportKind === 'type');
}

const fence = {
  meta: {
    type: 'problem',
    docs: { description: 'Allow imports between the rooms of src/ only as the house plan in .config/fences.js says.' },
    schema: [],
    messages: {
      room: "src/{{from}} may not import src/{{to}} ('{{spec}}'); it may import from: {{allowed}}.",
      types:
        "src/{{from}} may import only types from src/{{to}} ('{{spec}}'); ask the contract (src/contract) for what it computes. Values may come from: {{allowed}}.",
      npm: "src/{{from}} may not import the package '{{spec}}'; it may import: {{allowed}}.",
    },
  },
  create(context) {
    const file = context.physicalFilename ?? context.filename;
    const own = underSrc(file);
    if (!own) return {};
    const room = own.split('/')[0];
    const rules = ROOMS[room];
    if (!rules) return {};
    const check = (node, spec, typesOnly = false) => {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const target = underSrc(path.resolve(path.dirname(file), spec));
        if (target === undefined) return;
        const ok = rules.allow.some((a) => target === a || target.startsWith(`${a}/`));
        if (!ok)
          context.report({
            node,
            messageId: 'room',
            data: { from: own, to: target, spec, allowed: rules.allow.map((a) => `src/${a}`).join(', ') },
          });
        const values = rules.values?.[target.split('/')[0]];
        if (ok && values && !typesOnly && !values.includes(target))
          context.report({
            node,
            messageId: 'types',
            data: { from: own, to: target, spec, allowed: values.map((v) => `src/${v}`).join(', ') },
          });
      } else if (!packageAllowed(spec, rules.npm)) {
        context.report({
          node,
          messageId: 'npm',
          data: { from: own, spec, allowed: rules.npm.length ? rules.npm.join(', ') : 'no packages' },
        });
      }
    };
    const source = (node) => node.source && check(node.source, node.source.value, typeOnly(node));
    return {
      ImportDeclaration: source,
      ExportNamedDeclaration: source,
      ExportAllDeclaration: source,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportType: (node) => {
        // `source` in newer typescript-eslint (`argument` is deprecated there), `argument` in older.
        const arg = node.source ?? node.argument?.literal ?? node.argument;
        if (arg?.type === 'Literal') check(arg, arg.value, true);
      },
    };
  },
};

/** The frontmatter and the bundled `<script>` blocks of an `.astro` file, at their own line numbers. */
const astroBlocks = {
  meta: { name: 'astro-imports' },
  preprocess(text) {
    const lines = text.split('\n');
    const blocks = [];
    if (lines[0].trim() === '---') {
      const end = lines.indexOf('---', 1);
      if (end > 0) blocks.push({ text: `\n${lines.slice(1, end).join('\n')}\n`, filename: 'frontmatter.ts' });
    }
    const script = /<script(?![^>]*is:inline)[^>]*>([\s\S]*?)<\/script>/g;
    for (let m = script.exec(text), i = 0; m; m = script.exec(text), i++) {
      const before = text.slice(0, m.index + m[0].indexOf('>') + 1).split('\n').length - 1;
      blocks.push({ text: `${'\n'.repeat(before)}${m[1]}`, filename: `script-${i}.ts` });
    }
    return blocks;
  },
  postprocess(messages) {
    return messages.flat().filter((m) => m.fatal || m.ruleId === 'rondkomen/fence');
  },
  supportsAutofix: false,
};

export const rondkomen = { meta: { name: 'rondkomen' }, rules: { fence }, processors: { astro: astroBlocks } };
export { ROOMS };
