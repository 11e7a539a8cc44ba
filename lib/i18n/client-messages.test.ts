import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_NAMESPACES, ROOT_CLIENT_NAMESPACES } from "@/lib/i18n/client-messages";
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

const sourceOf = (f: string) => readFileSync(f, "utf8");
const isClientModule = (source: string) => /^\s*["']use client["']/.test(source);

/**
 * The namespaces read by client modules reachable from `starts` (through server modules, which
 * read theirs on the server), each with a file that reads it.
 */
const namespacesReachedFrom = (starts: string[], { startsAreClient = false } = {}) => {
  const seen = new Set<string>();
  const queue = starts.map((file) => ({ file, inClient: startsAreClient }));
  const used = new Map<string, string>();
  while (queue.length > 0) {
    const { file, inClient } = queue.pop()!;
    const key = `${inClient}:${file}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const source = sourceOf(file);
    const isClient = inClient || isClientModule(source);
    if (isClient) for (const ns of namespacesRead(source)) used.set(ns, path.relative(root, file));
    queue.push(...localImports(file, source).map((f) => ({ file: f, inClient: isClient })));
  }
  return used;
};

const sourceFiles = (dir: string) =>
  readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .map((f) => path.join(root, dir, f))
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes("/lib/generated/"));

/** Every namespace read by a client module or anything a client module imports. */
export const clientNamespacesUsed = () =>
  namespacesReachedFrom(
    ["app", "components", "lib"].flatMap(sourceFiles).filter((f) => isClientModule(sourceOf(f))),
    { startsAreClient: true },
  );

const isStaffNamespace = (ns: string) => (STAFF_NAMESPACES as readonly string[]).includes(ns);

/**
 * The files that choose what their client components get: the app's route files (pages, layouts
 * and the files Next renders in their place), and the components that set a provider of their own.
 */
const providerFiles = () => [
  ...sourceFiles("app").filter((f) =>
    /\/(page|layout|loading|error|not-found|forbidden|template)\.tsx$/.test(f),
  ),
  ...sourceFiles("components").filter((f) =>
    /<(MessagesFor|StaffMessagesProvider)\b|with(Staff)?Messages\(\s*\[/.test(sourceOf(f)),
  ),
];

/** The namespace lists a file passes its providers: withMessages([…]), withStaffMessages([…]), only={[…]}. */
const providerLists = (source: string) =>
  [...source.matchAll(/(?:only=\{\[|with(?:Staff)?Messages\(\s*\[)([^\]]*)\]/g)].map(([, list]) =>
    [...list!.matchAll(/"([A-Za-z]+)"/g)].map(([, ns]) => ns!),
  );

/**
 * The namespaces a file gives its client components: the lists of its own providers
 * (`withMessages([…], Page)`, `withStaffMessages([…], Page)`, `only={[…]}`), or, with none, the
 * root layout's (ROOT_CLIENT_NAMESPACES).
 */
const namespacesGiven = (file: string) => {
  const lists = providerLists(sourceOf(file));
  return lists.length > 0 ? lists.flat() : [...ROOT_CLIENT_NAMESPACES];
};

/** The staff console's files, whose client components may read its own namespaces. */
const isStaffFile = (file: string) =>
  file.includes(`${path.sep}(staff)${path.sep}`) || sourceOf(file).includes("StaffMessagesProvider");

describe("the messages sent to the browser", () => {
  it("include every namespace a client component reads", () => {
    // The staff console's own namespaces go to the browser by the staff pages' provider.
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

  it("of each page, layout and provider include every namespace its client components read", () => {
    const missing = providerFiles().flatMap((file) => {
      const given = namespacesGiven(file);
      // A staff namespace outside the console belongs to a component only the console renders.
      return [...namespacesReachedFrom([file])]
        .filter(([ns]) => (isStaffFile(file) || !isStaffNamespace(ns)) && !given.includes(ns))
        .map(([ns, reader]) => `${path.relative(root, file)}: ${ns} (read in ${reader})`);
    });
    expect(missing, "list these in the file's withMessages([…]) or <MessagesFor only={[…]}>").toEqual([]);
  });

  it("of each page, layout and provider are only what its client components read", () => {
    const extra = providerFiles().flatMap((file) => {
      const read = namespacesReachedFrom([file]);
      return providerLists(sourceOf(file))
        .flat()
        .filter((ns) => !read.has(ns))
        .map((ns) => `${path.relative(root, file)}: ${ns}`);
    });
    expect(extra, "no client component inside reads these").toEqual([]);
  });

  it("of every page start with the root layout's, which only the error page reads", () => {
    const rootFiles = ["app/layout.tsx", "app/error.tsx", "app/not-found.tsx", "app/forbidden.tsx"];
    const read = namespacesReachedFrom(rootFiles.map((f) => path.join(root, f)).filter((f) => existsSync(f)));
    expect([...read.keys()].sort()).toEqual([...ROOT_CLIENT_NAMESPACES].sort());
  });
});
