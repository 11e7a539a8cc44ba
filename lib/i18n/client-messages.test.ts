import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_NAMESPACES } from "@/lib/i18n/client-messages";
import { STAFF_NAMESPACES } from "@/messages/staff/en";

const root = path.resolve(import.meta.dirname, "../..");

/** A module's imports of the project's own files ("@/…" and relative), resolved to paths. */
const localImports = (file: string, source: string) =>
  [...source.matchAll(/(?:from|import)\s*\(?\s*"((?:@\/|\.{1,2}\/)[^"]+)"/g)].flatMap(([, spec]) => {
    const base = spec!.startsWith("@/")
      ? path.join(root, spec!.slice(2))
      : path.resolve(path.dirname(file), spec!);
    const found = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]
      .map((ext) => base + ext)
      .find((p) => existsSync(p) && !p.endsWith("/"));
    return found && /\.tsx?$/.test(found) ? [found] : [];
  });

/** The namespaces a module reads with useTranslations("Namespace") or useTranslations("Namespace.part"). */
const namespacesRead = (source: string) =>
  [...source.matchAll(/useTranslations\(\s*"([A-Za-z]+)/g)].map(([, ns]) => ns!);

/** Every namespace read by a client module or anything a client module imports. */
export const clientNamespacesUsed = () => {
  const files = ["app", "components", "lib"]
    .flatMap((dir) =>
      readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" }).map((f) =>
        path.join(root, dir, f),
      ),
    )
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes("/lib/generated/"));
  const sourceOf = (f: string) => readFileSync(f, "utf8");
  const seen = new Set<string>();
  const queue = files.filter((f) => /^\s*["']use client["']/.test(sourceOf(f)));
  const used = new Map<string, string>();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = sourceOf(file);
    for (const ns of namespacesRead(source)) used.set(ns, path.relative(root, file));
    queue.push(...localImports(file, source));
  }
  return used;
};

describe("the messages sent to the browser", () => {
  it("include every namespace a client component reads", () => {
    // The staff console's own namespaces go to the browser by the staff layout's provider.
    const missing = [...clientNamespacesUsed()]
      .filter(([ns]) => !(CLIENT_NAMESPACES as readonly string[]).includes(ns))
      .filter(([ns]) => !(STAFF_NAMESPACES as readonly string[]).includes(ns))
      .map(([ns, file]) => `${ns} (read in ${file})`);
    expect(missing, "add these to CLIENT_NAMESPACES in lib/i18n/client-messages.ts").toEqual([]);
  });

  it("are no more than client components read", () => {
    const used = clientNamespacesUsed();
    expect(CLIENT_NAMESPACES.filter((ns) => !used.has(ns))).toEqual([]);
  });
});
