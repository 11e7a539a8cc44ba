import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

export type TLogLine = Record<string, unknown> & { msg?: string; requestId?: string };

/** The JSON lines of a browser-test server's log (test-results/server-<port>.log), parsed. */
export const serverLogLines = (port: number): TLogLine[] => {
  const file = path.join(root, "test-results", `server-${port}.log`);
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as TLogLine];
      } catch {
        return []; // a line still being written
      }
    });
};

/** The server's log line for the request with this id (written once its answer has gone out). */
export const requestLine = (port: number, requestId: string) =>
  serverLogLines(port).find((l) => l.msg === "request" && l.requestId === requestId);
