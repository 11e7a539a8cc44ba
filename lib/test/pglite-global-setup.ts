import { randomBytes } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { migrate } from "@/lib/db/migrate";
import { pgliteConnection } from "@/lib/db/sql";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated PGlite data directory as a tar file that each integration test file loads (int-pglite only). */
    pgliteTemplatePath: string;
  }
}

/**
 * int-pglite: migrates one PGlite database per run and saves its data directory; each test file
 * then loads a copy (`loadDataDir`), which takes a third of the time of a new PGlite's initdb
 * and the migrations (CONTRIBUTING.md, Tests).
 */
export default async function setup(project: TestProject) {
  const pglite = await PGlite.create("memory://");
  let tar: Blob;
  try {
    await migrate(pgliteConnection(pglite, { closeOnEnd: false }));
    tar = await pglite.dumpDataDir("none");
  } finally {
    await pglite.close();
  }
  const file = path.join(tmpdir(), `portal-test-pglite-${randomBytes(6).toString("hex")}.tar`);
  await writeFile(file, Buffer.from(await tar.arrayBuffer()));
  project.provide("pgliteTemplatePath", file);
  return async () => {
    await rm(file, { force: true });
  };
}
