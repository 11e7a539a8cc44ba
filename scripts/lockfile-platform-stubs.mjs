#!/usr/bin/env node
// Run after `npm install` changes package-lock.json.
//
// The npm registry reachable from our build machines serves only the Linux x64 builds of
// native packages (@next/swc-*, @tailwindcss/oxide-*, @unrs/resolver-binding-*). `npm install`
// then leaves the other platforms' optional packages out of package-lock.json, and `npm ci`
// refuses the lock file ("Missing: … from lock file"). This adds the entry a normal lock file
// has for each such package: its version and the os/cpu/libc it is for, so `npm ci` skips it
// on this platform exactly as it would with the full entry.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const file = path.join(import.meta.dirname, "..", "package-lock.json");
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;

const OS = [
  "android",
  "darwin",
  "freebsd",
  "linux",
  "win32",
  "openharmony",
  "sunos",
  "aix",
  "netbsd",
  "openbsd",
];
const CPU = {
  arm64: "arm64",
  x64: "x64",
  arm: "arm",
  ia32: "ia32",
  loong64: "loong64",
  ppc64: "ppc64",
  riscv64: "riscv64",
  s390x: "s390x",
  wasm32: "wasm32",
};

const platformOf = (name) => {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.map((p) => CPU[p]).find(Boolean);
  const libc = name.includes("musl") ? "musl" : os === "linux" && name.includes("gnu") ? "glibc" : undefined;
  return { os, cpu, libc };
};

let added = 0;
for (const [key, pkg] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const depKey = `node_modules/${dep}`;
    if (packages[depKey] || packages[`${key}/${depKey}`]) continue;
    const { os, cpu, libc } = platformOf(dep);
    if (!cpu) continue; // not a platform build: leave it to npm
    packages[depKey] = {
      version,
      ...(pkg.dev ? { dev: true } : {}),
      optional: true,
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(os ? { os: [os] } : {}),
      ...(libc ? { libc: [libc] } : {}),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} platform stub(s) to package-lock.json`);
