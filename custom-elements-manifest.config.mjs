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
              (declaration.members ?? [])
                .filter((member) => member.privacy === 'private' || member.privacy === 'protected')
                .map((member) => member.name),
            );
            declaration.attributes = declaration.attributes.filter(
              (attribute) => !internal.has(attribute.fieldName ?? attribute.name),
            );
          }
        }
      },
    },
    {
      name: 'public-api-only',
      // The manifest is the elements' public API, what a page or an app may use: private and
      // protected members (TypeScript `private`/`protected`, ES `#private`) are implementation,
      // the abstract base class, which no page can put on itself, is not listed (its public
      // members are, on each element, with `inheritedFrom`), nor are the modules of helpers the
      // elements share.
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          mod.declarations = (mod.declarations ?? []).filter(
            (declaration) => !(declaration.customElement && !declaration.tagName),
          );
          for (const declaration of mod.declarations) {
            if (declaration.members)
              declaration.members = declaration.members.filter(
                (member) => (member.privacy ?? 'public') === 'public' && !member.name.startsWith('#'),
              );
          }
          mod.exports = (mod.exports ?? []).filter((entry) =>
            mod.declarations.some((declaration) => declaration.name === entry.declaration?.name),
          );
        }
        // Modules of internal helpers (shared by the elements, not exported by the package).
        customElementsManifest.modules = customElementsManifest.modules.filter((mod) =>
          mod.declarations.some((declaration) => declaration.customElement),
        );
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
          else if (value && typeof value === 'object')
            for (const key of Object.keys(value)) value[key] = rewrite(value[key]);
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
