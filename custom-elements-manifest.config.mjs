/** `npm run analyze`: custom-elements.json from the classes' JSDoc. */
export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['**/*.styles.ts', '**/*-controller.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'drop-unnamed-events',
      // Events dispatched through shared helpers are documented with @fires; the analyzer also
      // lists them once more without a name.
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
          }
        }
      },
    },
  ],
};
