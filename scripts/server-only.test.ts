import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

/** The node flags of package.json's `worker` script (what runs the job queue outside Next). */
const workerFlags = () => {
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
  const words = scripts.worker!.split(/\s+/);
  expect(words[0]).toBe("node");
  return words.slice(1, words.indexOf("scripts/worker.ts"));
};

/** A script importing a server module and rendering an email's HTML, as the worker's jobs do. */
const RENDER = `
import "server-only";
const { emailHtml } = await import("./lib/email/render-html.tsx");
const html = await emailHtml(
  { to: "pat@example.com", subject: "Reminder", blocks: [{ kind: "paragraph", lines: ["Rendered in the worker."] }] },
  { name: "Riverside Family Medicine", color: "#1d4ed8" },
);
process.stdout.write(html.includes("Rendered in the worker.") ? "RENDERED" : "MISSING");
`;

const renderWith = (flags: string[]) =>
  run(process.execPath, [...flags, "--input-type=module", "--eval", RENDER], { timeout: 60_000 });

describe("the worker's node flags", () => {
  it("let server modules load and render an email's HTML", async () => {
    const { stdout } = await renderWith(workerFlags());
    expect(stdout).toBe("RENDERED");
  }, 60_000);

  it("are needed: the react-server condition breaks the rendering, and without the hook server-only throws", async () => {
    await expect(renderWith(["--import", "tsx", "--conditions=react-server"])).rejects.toThrow(
      /react-dom\/server is not supported in React Server Components/,
    );
    await expect(renderWith(["--import", "tsx"])).rejects.toThrow(/server-only/);
  }, 60_000);
});
