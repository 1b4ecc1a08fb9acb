/**
 * The house's fences (.config/fences.js), run through ESLint's own API on files that break them: an
 * engine rule two folders deep reaching into the server, the engine importing a package, the site
 * importing the server, a component fetching its own data, an island reaching for Node, the site or
 * the server running the engine itself instead of asking the contract. And files that keep to the plan
 * pass, so the fence is not simply closed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, '.config/eslint.config.js') });

// Each probe is a real file in a temporary folder inside the room it pretends to be in (ESLint lints
// it where it stands, relative imports resolve from there); the folder goes when the tests end.
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

async function fenceErrors(room: string, name: string, code: string): Promise<string[]> {
  const dir = mkdtempSync(join(root, 'src', room, '.fence-probe-'));
  made.push(dir);
  const file = join(dir, name);
  writeFileSync(file, code);
  const [result] = await eslint.lintFiles([file]);
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === 'rondkomen/fence').map((m) => m.message);
}

describe('the fences between the rooms of src/', () => {
  it('stop an engine rule two folders deep from importing the server', async () => {
    // The probe sits in src/engine/rules/.fence-probe-*/, so the server is three folders up.
    const errors = await fenceErrors(
      'engine/rules',
      'x.ts',
      "import { getServices } from '../../../server/site-services.ts';\nexport const x = getServices;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^src\/engine\/rules\/\.fence-probe-\w+\/x\.ts may not import src\/server\/site-services\.ts .*it may import from: src\/engine\.$/,
    );
  });

  it('stop the engine from importing the site, the content loader or any package', async () => {
    const errors = await fenceErrors(
      'engine',
      'y.ts',
      "import { z } from 'zod';\nimport { readFileSync } from 'node:fs';\nimport { localePath } from '../../site/locale.ts';\nimport { loadRulebook } from '../../content/load.ts';\nexport const y = [z, readFileSync, localePath, loadRulebook];\n",
    );
    expect(errors).toEqual([
      expect.stringMatching(/may not import the package 'zod'; it may import: no packages\.$/),
      expect.stringMatching(/may not import the package 'node:fs'; it may import: no packages\.$/),
      expect.stringMatching(/may not import src\/site\/locale\.ts /),
      expect.stringMatching(/may not import src\/content\/load\.ts /),
    ]);
  });

  it('let the engine import the engine', async () => {
    const errors = await fenceErrors('engine/rules', 'z.ts', "import { roundDiv } from '../../money.ts';\nexport const z = roundDiv;\n");
    expect(errors).toEqual([]);
  });

  it('stop the site from importing the server, also in a dynamic import', async () => {
    const errors = await fenceErrors('site', 'x.ts', "export const x = () => import('../../server/site-services.ts');\n");
    expect(errors).toEqual([expect.stringMatching(/may not import src\/server\/site-services\.ts /)]);
  });

  it('stop a component from fetching data through the server, in the frontmatter of an .astro file', async () => {
    const errors = await fenceErrors(
      'components',
      'X.astro',
      "---\nimport { getServices } from '../../server/site-services.ts';\nconst s = await getServices();\n---\n<p>{String(s)}</p>\n",
    );
    expect(errors).toEqual([expect.stringMatching(/X\.astro may not import src\/server\/site-services\.ts /)]);
  });

  it('stop an island from importing Node or the content loader', async () => {
    const errors = await fenceErrors(
      'islands',
      'X.tsx',
      "import { readFileSync } from 'node:fs';\nimport { loadRulebook } from '../../content/load.ts';\nexport const x = [readFileSync, loadRulebook];\n",
    );
    expect(errors).toEqual([expect.stringMatching(/package 'node:fs'/), expect.stringMatching(/src\/content\/load\.ts/)]);
  });

  it('stop the server from importing the command line', async () => {
    const errors = await fenceErrors('server', 'x.ts', "export { screenCommand } from '../../cli/screen.ts';\n");
    expect(errors).toEqual([expect.stringMatching(/may not import src\/cli\/screen\.ts /)]);
  });

  it('stop the site from running the engine itself: events, what-if and the check go through the contract', async () => {
    const errors = await fenceErrors(
      'site',
      'x.ts',
      [
        "import { checkEvent } from '../../engine/compare.ts';",
        "import { eventApplies, type EventAnswers } from '../../engine/events.ts';",
        "import { check } from '../../engine/check.ts';",
        "import { toEuros } from '../../engine/money.ts';",
        "export const x = [checkEvent, eventApplies, check, toEuros, () => import('../../engine/scenarios.ts')];",
        'export type Y = EventAnswers;',
        '',
      ].join('\n'),
    );
    expect(errors).toEqual([
      expect.stringMatching(/x\.ts may import only types from src\/engine\/compare\.ts .*ask the contract \(src\/contract\)/),
      expect.stringMatching(/may import only types from src\/engine\/events\.ts /),
      expect.stringMatching(/may import only types from src\/engine\/check\.ts /),
      expect.stringMatching(/may import only types from src\/engine\/money\.ts /),
      expect.stringMatching(/may import only types from src\/engine\/scenarios\.ts /),
    ]);
  });

  it('stop the server from running the engine itself, two folders deep and in a re-export', async () => {
    const errors = await fenceErrors(
      'server/campaigns',
      'x.ts',
      "import { upcomingEvents } from '../../../engine/upcoming.ts';\nexport { workMoreHours } from '../../../engine/scenarios.ts';\nexport const x = upcomingEvents;\n",
    );
    expect(errors).toEqual([
      expect.stringMatching(/may import only types from src\/engine\/upcoming\.ts /),
      expect.stringMatching(/may import only types from src\/engine\/scenarios\.ts /),
    ]);
  });

  it('stop a page from running the check itself, in the frontmatter of an .astro file', async () => {
    const errors = await fenceErrors(
      'pages',
      'X.astro',
      "---\nimport { check } from '../../engine/check.ts';\nconst c = String(check);\n---\n<p>{c}</p>\n",
    );
    expect(errors).toEqual([expect.stringMatching(/X\.astro may import only types from src\/engine\/check\.ts /)]);
  });

  it("let the site and the server import the engine's types, its data, and the contract's doors", async () => {
    const site = await fenceErrors(
      'site',
      'ok.ts',
      [
        "import type { Comparison } from '../../engine/compare.ts';",
        "import { type WorkScenario } from '../../engine/scenarios.ts';",
        "import { INCOME_TYPES } from '../../engine/types.ts';",
        "import { knownSchemeIds } from '../../engine/known.ts';",
        "import { runEvent } from '../../contract/events.ts';",
        "import { runWhatIf } from '../../contract/what-if.ts';",
        "export type { CheckOutcome } from '../../engine/types.ts';",
        'export type Z = [Comparison, WorkScenario, typeof import("../../engine/check.ts")];',
        'export const z = [INCOME_TYPES, knownSchemeIds, runEvent, runWhatIf];',
        '',
      ].join('\n'),
    );
    expect(site).toEqual([]);
    const server = await fenceErrors(
      'server',
      'ok.ts',
      "import { toCents } from '../../engine/money.ts';\nimport { comingChanges } from '../../contract/events.ts';\nexport const z = [toCents, comingChanges];\n",
    );
    expect(server).toEqual([]);
  });
});
