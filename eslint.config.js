// Lint: the TypeScript recommendations plus the dependency direction of docs/architecture.md.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const onlyIn = (pkg, where) => ({
  name: pkg,
  message: `${pkg} belongs in ${where} only (docs/architecture.md: routes → service → repository → Kysely)`,
  allowTypeImports: true,
});

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'data/', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['bin/**/*.js', 'scripts/**/*.js', '*.js'], languageOptions: { globals: globals.node } },
  {
    // Migrations are frozen in time and typed against no schema (Kysely's advice).
    files: ['src/db/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Kysely only in repositories, db/ and the test harness; Fastify only in routes and http/.
    files: ['src/**/*.ts'],
    ignores: ['src/db/**', 'src/**/*.repository.ts', 'src/test/**', 'src/**/*.test.ts', 'src/http/**', 'src/**/*.routes.ts', 'src/main.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [onlyIn('kysely', 'repositories and src/db'), onlyIn('fastify', 'routes and src/http')] }],
    },
  },
  {
    // Rules are pure: no database, no HTTP, no clock of their own.
    files: ['src/**/*.rules.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['kysely', 'fastify', 'pg', 'better-sqlite3', '*repository*', '*service*'] }],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
