// Import cycles, checked by `npm test` (dependency-cruiser): no file may import itself through
// others, anywhere (tests included). The folder rule is in .dependency-cruiser.folders.mjs.
/** @type {import('dependency-cruiser').IConfiguration} */
const config = {
  forbidden: [
    {
      name: "no-file-cycle",
      severity: "error",
      comment: "A file imports itself through others: move what both need into a third file.",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next|\\.data|lib/generated)/" },
    tsConfig: { fileName: "tsconfig.json" },
    // Type-only imports count: a cycle of types is still two folders that cannot be read apart.
    tsPreCompilationDeps: true,
  },
};

export default config;
