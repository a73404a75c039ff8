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
    {
      name: 'drop-internal-state',
      // Internal reactive state is declared in `static properties` with `state: true`, which the
      // analyzer reads as attributes; private and protected fields are never attributes.
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (!declaration.attributes) continue;
            const internal = new Set(
              (declaration.members ?? []).filter((member) => member.privacy === 'private' || member.privacy === 'protected').map((member) => member.name),
            );
            declaration.attributes = declaration.attributes.filter((attribute) => !internal.has(attribute.fieldName ?? attribute.name));
          }
        }
      },
    },
  ],
};
