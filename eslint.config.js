// ESLint (flat config) for every program in Twoway. A few rules only, each one
// a bug the type checker does not catch: a promise nobody awaits or handles, a
// promise passed where a plain value or a void callback is expected, an await
// on something that is not a promise, and code nobody uses.
// Type-aware rules need a TypeScript program per file: each folder is linted
// with the project (tsconfig) that type-checks it.
import tseslint from 'typescript-eslint';

const typed = (files, project) => ({
  files,
  languageOptions: { parser: tseslint.parser, parserOptions: { project, tsconfigRootDir: import.meta.dirname } },
});

export default [
  { ignores: ['node_modules/', '.output/', '.wxt/', '.wrangler/', 'worker/worker-configuration.d.ts', 'eslint.config.js'] },
  typed(['extension/**/*.{ts,tsx}', 'test/extension/**/*.{ts,tsx}'], './extension/tsconfig.json'),
  typed(
    ['worker/**/*.ts', 'test/worker/**/*.ts', 'test/support/load-client.ts'],
    ['./worker/tsconfig.json', './tsconfig.json'],
  ),
  // The extension takes only types from the zod-bearing contract: a value from it would bundle zod
  // (extension/README.md, "Building"). Its zod-free modules may give values.
  {
    files: ['extension/**/*.{ts,tsx}'],
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{
          regex: '^zod(/.*)?$|/shared/schemas$|/shared/contract(/(?!answer-rules$|endpoints$)[^/]+)?$',
          allowTypeImports: true,
          message: 'Import only types from the zod-bearing contract; values come from its zod-free modules.',
        }],
      }],
    },
  },
  // After the worker's entry: the dashboard is its own program.
  typed(['worker/dashboard/**/*.{ts,tsx}', 'test/dashboard/**/*.{ts,tsx}'], './worker/dashboard/tsconfig.json'),
  typed(['shared/**/*.ts', 'test/shared/**/*.ts', 'test/e2e/**/*.ts', 'test/bench/**/*.ts', 'test/support/**/*.ts', '*.config.ts'], './tsconfig.json'),
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
];
