import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'packages/*/dist/', 'node_modules/', 'data/', 'bench/.results/', '.scratch/', 'test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    // The admin console runs in a browser, not in Node.
    files: ['packages/console/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The architecture in one rule: the domain knows no I/O and no outer layer.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['../store/*', '../services/*', '../http/*', '../api/*', '../oauth/*', '../compat/*', 'fastify', 'kysely', 'pg', 'better-sqlite3', 'node:fs', 'node:http', 'node:https', 'node:net'] }],
    },
  },
  {
    files: ['src/services/**/*.ts', 'src/store/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['../http/*', '../api/*', '../compat/*', '../oauth/*', 'fastify'] }] },
  },
  {
    files: ['src/api/**/*.ts', 'src/compat/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['../store/*', '../../store/*'] }] },
  },
);
