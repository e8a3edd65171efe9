/**
 * Every domain module a workflow imports is one the worker shares between workflows
 * (worker/shared-workflow-modules.ts): one left out would still work, but be evaluated and held
 * again for every workflow.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHARED_WORKFLOW_MODULES } from '../../worker/shared-workflow-modules.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The modules a file imports for their values (`import type` and type-only braces are erased by the bundler). */
export function valueImports(source: string): string[] {
  const specifiers: string[] = [];
  for (const match of source.matchAll(/^import\s+(type\s+)?([\s\S]*?)\s+from\s+'([^']+)';/gm)) {
    const [, typeOnly, clause, specifier] = match;
    if (typeOnly) continue;
    const names = clause!
      .match(/^\{([\s\S]*)\}$/)?.[1]
      ?.split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    if (names && names.every((n) => n.startsWith('type '))) continue;
    specifiers.push(specifier!);
  }
  return specifiers;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('modules shared between workflows', () => {
  it('tells value imports from type-only ones', () => {
    const source = [
      "import type { Actor } from '../../domain/shared/actor.js';",
      "import { type Gate, decide } from '../../domain/repatriation/index.js';",
      "import { type RepatriationState } from '../../domain/repatriation/state.js';",
      "import {\n  condition,\n  setHandler,\n} from '@temporalio/workflow';",
    ].join('\n');
    expect(valueImports(source)).toEqual(['../../domain/repatriation/index.js', '@temporalio/workflow']);
  });

  it('include every domain module a workflow imports', () => {
    const shared = new Set(SHARED_WORKFLOW_MODULES.map((path) => relative(root, path)));
    const imported = sourceFiles(join(root, 'workflows')).flatMap((file) =>
      valueImports(readFileSync(file, 'utf8'))
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => relative(root, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts'))
        .filter((module) => module.startsWith('domain/')),
    );
    expect(imported.length).toBeGreaterThan(0);
    expect([...new Set(imported)].filter((module) => !shared.has(module))).toEqual([]);
  });
});
