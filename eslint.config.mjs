// ESLint (flat config): typescript-eslint's type-aware recommended rules over the TypeScript sources.
// A rule is turned off or changed only with its reason beside it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'tests/fixtures/**', 'dist/**', '.ci/cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Functions are async because their contract is (a JobProcessor, a Fastify plugin, a store hook):
      // an async function without `await` still turns a throw into a rejection, which callers rely on.
      '@typescript-eslint/require-await': 'off',
      // domhandler's node types are a string enum that its own docs compare with the string values
      // ('tag', 'text', 'script'); the DOM walkers in the clean stage do the same.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // Control characters are matched on purpose: the clean stage and its tests strip them from text.
      'no-control-regex': 'off',
      // Destructuring a field away (`const { content: _content, ...rest } = item`) is how a field is dropped.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      // Tests read JSON answers, job data and CLI output loosely; each assertion checks the shape it reads.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // CommonJS configuration files (dependency-cruiser's) run in Node and export through `module`.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    // Build scripts run in Node.
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
