#!/usr/bin/env node
// `npm run db:migration -- <name> [--from <git-ref>]`: writes prisma/migrations/<timestamp>_<name>/
// with the SQL that takes the schema as it was at <git-ref> (default HEAD) to the working
// copy of the schema folder prisma/schema. Offline: Prisma diffs two datamodels, no database needed.
// The drift test (lib/db/schema-drift.pglite.int.test.ts) proves the result matches the schema.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const args = process.argv.slice(2);
const fromIndex = args.indexOf("--from");
const ref = fromIndex >= 0 ? args[fromIndex + 1] : "HEAD";
const name = fromIndex >= 0 ? args.filter((_, i) => i !== fromIndex && i !== fromIndex + 1)[0] : args[0];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <snake_case_name> [--from <git-ref>]");
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, "..");
// The schema as it was at <ref>, copied out of git: the folder prisma/schema, or the single
// prisma/schema.prisma it was before it was split by domain (so that --from reaches back past that).
const copy = mkdtempSync(path.join(tmpdir(), "migration-"));
const files = execFileSync(
  "git",
  ["ls-tree", "-r", "--name-only", ref, "--", "prisma/schema", "prisma/schema.prisma"],
  { cwd: root, encoding: "utf8" },
)
  .split("\n")
  .filter((file) => file.endsWith(".prisma"));
if (files.length === 0) {
  console.error(`there is no Prisma schema at ${ref}`);
  process.exit(1);
}
for (const file of files) {
  mkdirSync(path.join(copy, path.dirname(file)), { recursive: true });
  writeFileSync(path.join(copy, file), execFileSync("git", ["show", `${ref}:${file}`], { cwd: root }));
}
const before = path.join(
  copy,
  files.includes("prisma/schema.prisma") ? "prisma/schema.prisma" : "prisma/schema",
);
const diff = spawnSync(
  process.execPath,
  [
    path.join(root, "scripts", "prisma.mjs"),
    "migrate",
    "diff",
    "--from-schema-datamodel",
    before,
    "--to-schema-datamodel",
    path.join(root, "prisma", "schema"),
    "--script",
  ],
  { cwd: root, encoding: "utf8" },
);
if (diff.status !== 0) {
  process.stderr.write(diff.stderr);
  process.exit(diff.status ?? 1);
}
const sql = diff.stdout.trim();
if (!sql || sql === "-- This is an empty migration.") {
  console.log(`prisma/schema has not changed since ${ref}; no migration written.`);
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(root, "prisma", "migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
console.log(`wrote ${path.relative(root, dir)}/migration.sql — read it before you commit it`);
