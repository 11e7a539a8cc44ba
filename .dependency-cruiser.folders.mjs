// No two folders of lib/ may import each other, however far round (dependency-cruiser's folder
// scope). lib/ is layered: a folder uses the ones below it (db, gateway, audit, email, …) and
// never the ones above (jobs, which runs everything). Tests and their helpers are left out: a
// test may import whatever it checks.
import base from "./.dependency-cruiser.mjs";

/** @type {import('dependency-cruiser').IConfiguration} */
const config = {
  forbidden: [
    {
      name: "no-folder-cycle",
      severity: "error",
      scope: "folder",
      comment: "Two lib/ folders import each other: move the shared part to a folder both may use.",
      from: { path: "^lib/" },
      to: { circular: true },
    },
  ],
  options: {
    ...base.options,
    exclude: {
      path: [...[base.options.exclude.path].flat(), "\\.test\\.tsx?$", "^lib/test/", "/fixtures\\.ts$"],
    },
  },
};

export default config;
