// @ts-check
/**
 * `npm run lint`: both packages (the widgets and `proxy/`), type-aware, with the Lit, accessibility and web component
 * rules. Prettier owns the layout; the only layout rule here is the line length Prettier cannot always keep.
 */
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import { defineConfig, globalIgnores } from 'eslint/config';
import compat from 'eslint-plugin-compat';
import esX from 'eslint-plugin-es-x';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    // The build output of each package (`test/dist/` holds the tests of that output, and is linted).
    'dist/',
    'proxy/dist/',
    'coverage/',
    'demo-dist/',
    'custom-elements.json',
    'bench/results/',
    'test/__screenshots__/',
    '.vitest-attachments/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // Each file is checked against its own package's tsconfig.json: the root one, or proxy/'s.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  lit.configs['flat/recommended'],
  litA11y.configs.recommended,
  wc.configs['flat/best-practice'],
  {
    plugins: { '@stylistic': stylistic },
    rules: {
      // Prettier wraps code at 120 columns; this catches the comments, strings and templates it leaves long.
      '@stylistic/max-len': ['error', { code: 120, tabWidth: 2, ignoreUrls: true }],
      // tsc's noUnusedLocals and noUnusedParameters already report these (names starting with `_` excepted).
      '@typescript-eslint/no-unused-vars': 'off',
      // An async function that awaits nothing is the plain shape of a fetch fake, a handler or a hook.
      '@typescript-eslint/require-await': 'off',
      // Aborts reject with the signal's reason, which is whatever the caller aborted with.
      '@typescript-eslint/prefer-promise-reject-errors': [
        'error',
        { allowThrowingAny: true, allowThrowingUnknown: true },
      ],
      // A type guard narrows a rejected value to `never`; the error message still quotes it.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNever: true }],
      // Node's servers and middleware stacks take async request handlers; each catches what it must.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      // Settings, log fields and payloads of unknown type are turned into text on purpose, then checked.
      '@typescript-eslint/no-base-to-string': 'off',
      // A fake may read a variable (through a closure) before the test gives it its value.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Each element declares its typed listener overloads on the class's interface, as lib.dom does.
      '@typescript-eslint/no-unsafe-declaration-merging': 'off',
      // Checks on untrusted input reject the C0 control characters on purpose.
      'no-control-regex': 'off',
      // French typography puts a no-break space before the colon, in the translation strings.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
      // `role="list"` stays on lists styled without bullets: Safari drops their list semantics otherwise.
      'lit-a11y/no-redundant-role': 'off',
    },
  },
  {
    // What runs in shoppers' browsers stays within the support floor (`browserslist` in package.json,
    // docs/browser-support.md): web APIs by MDN's data, and ECMAScript up to ES2022, which every
    // browser of the floor has in full. A use of something newer needs a guard (`typeof x === 'function'`,
    // which compat/compat understands) or a disable comment that says what guards it.
    files: ['src/**'],
    extends: [
      compat.configs['flat/recommended'],
      esX.configs['flat/restrict-to-es2022'],
      esX.configs['flat/restrict-to-es2022-intl-api'],
    ],
    rules: {
      // ES2022's Intl.Segmenter is Firefox 125+.
      'es-x/no-intl-segmenter': 'error',
      // Web APIs above the floor that compat/compat does not know.
      'no-restricted-properties': [
        'error',
        { object: 'AbortSignal', property: 'any', message: 'Chrome 116, Firefox 124, Safari 17.4: guard it.' },
      ],
    },
  },
  {
    files: ['test/**', 'proxy/test/**'],
    rules: {
      // Tests read JSON bodies and mock calls (typed `any`) and hand them straight to expect().
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Tests pass methods to expect() and spies without calling them.
      '@typescript-eslint/unbound-method': 'off',
      // Failure messages print whatever value they were given.
      '@typescript-eslint/restrict-template-expressions': 'off',
      // @open-wc/semantic-dom-diff gives chai's `equal` a Promise-returning overload (for DOM snapshots);
      // whether TypeScript picks it depends on the order the declarations merge. Chai's `equal` is sync.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', name: 'Equal', package: '@open-wc/semantic-dom-diff' }] },
      ],
      // Chai's property assertions (`expect(x).to.exist`) are expressions.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
