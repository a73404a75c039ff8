/**
 * Where each built-in language comes from: one module per language in `src/translations/`,
 * imported only when a widget needs it. Static imports, so every bundler makes each its own
 * chunk. The script-tag builds replace this module with one that imports
 * `translations/<language>.js` from beside the script (scripts/build.ts).
 * A new language: its module in src/translations/, and one line here.
 */
export const translationModules: Record<string, () => Promise<{ default: string }>> = {
  ar: () => import('../translations/ar.ts'),
  de: () => import('../translations/de.ts'),
  es: () => import('../translations/es.ts'),
  fi: () => import('../translations/fi.ts'),
  fr: () => import('../translations/fr.ts'),
  he: () => import('../translations/he.ts'),
  nl: () => import('../translations/nl.ts'),
  sv: () => import('../translations/sv.ts'),
};
