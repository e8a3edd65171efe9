// ESLint (flat config): type-aware checks where a mistake is silent at run time (a promise nobody
// awaits), and import rules that keep the layers honest (README "Layout"): the domain is pure, and
// workflow code imports only what Temporal's deterministic sandbox allows.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const IO_MODULES = [
  'node:*',
  'fs',
  'path',
  'crypto',
  'pg',
  'pg-*',
  'kysely',
  'pino',
  'pino-*',
  'fastify',
  '@fastify/*',
  'jose',
  '@temporalio/*',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'web/dist/', 'test/histories/', '.vitest-results.json'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: globals.node,
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      // Parameters and bindings named `_x` say "deliberately unused" (destructuring a field away).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Test doubles and JSON from the wire are typed `any` on purpose in a few places.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: IO_MODULES, message: 'domain/ is pure: no I/O, clock or randomness (README "Layout").' },
            {
              group: ['**/store/**', '**/api/**', '**/activities/**', '**/platform/**', '**/workflows/**', '**/worker/**'],
              message: 'domain/ depends on nothing outside domain/.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'domain/ is deterministic: randomness comes from the workflow.' },
        { object: 'Date', property: 'now', message: 'domain/ reads no clock: the time arrives as `now`.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'domain/ reads no clock: the time arrives as `now`.',
        },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@temporalio/workflow$|\\.)',
              message: 'Workflow code imports only @temporalio/workflow, domain/, its messages and activity types.',
            },
            {
              group: ['**/store/**', '**/api/**', '**/platform/**', '**/worker/**'],
              message: 'Workflow code imports only @temporalio/workflow, domain/, its messages and activity types.',
            },
            { group: ['**/activities/**'], allowTypeImports: true, message: 'Workflows import activity types only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
);
