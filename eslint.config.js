import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

/**
 * Lint rules kept pragmatic for a 2-core CI: typescript-eslint's recommended set (syntax only, no type-checked
 * rules), React's hook rules for the client, and unused variables as errors everywhere.
 */
export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'scripts/tmp/', 'bench/results/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // GeoJSON and row objects from the database are read loosely in many places; tsc's strict mode guards the rest
      '@typescript-eslint/no-explicit-any': 'off',
      // the input guards refuse control characters, so their patterns name them on purpose
      'no-control-regex': 'off',
      // thin and ideographic spaces in Chinese UI text are meant (2 亩, 1 000 m)
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      // React Compiler diagnostics; the client is not compiled with it
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
    },
  },
)
