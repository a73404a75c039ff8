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
    {
      name: 'drop-private-members',
      // The manifest is the elements' public API: private members (TypeScript `private` and ES
      // `#private`) are implementation; protected ones stay, for subclasses.
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (declaration.members) declaration.members = declaration.members.filter((member) => member.privacy !== 'private' && !member.name.startsWith('#'));
          }
        }
      },
    },
    {
      name: 'shipped-paths',
      // The manifest describes the package as installed: modules are the built files of
      // `dist/npm/` (the sources are not shipped), and a module lists only what it exports
      // (the analyzer also reports some local names, such as object shorthand in methods).
      packageLinkPhase({ customElementsManifest }) {
        const shipped = (path) => path.replace(/^\/?src\/(.*)\.ts$/, 'dist/npm/$1.js');
        const rewrite = (value) => {
          if (Array.isArray(value)) value.forEach((item, index) => (value[index] = rewrite(item)));
          else if (value && typeof value === 'object') for (const key of Object.keys(value)) value[key] = rewrite(value[key]);
          else if (typeof value === 'string' && /^\/?src\/.*\.ts$/.test(value)) return shipped(value);
          return value;
        };
        for (const mod of customElementsManifest.modules) {
          const exported = new Set((mod.exports ?? []).map((entry) => entry.declaration?.name));
          mod.declarations = (mod.declarations ?? []).filter((declaration) => exported.has(declaration.name));
        }
        rewrite(customElementsManifest);
      },
    },
  ],
};
