import { createHash } from "node:crypto";

/**
 * A name for each statement text, so that PostgreSQL keeps the statement parsed, and after a few
 * runs planned, on each connection (a named prepared statement of the extended protocol) instead
 * of parsing and planning it again on every run. Up to `max` texts are named; past that a text
 * runs unnamed, as before, so text built on the fly cannot fill the server's memory.
 */
export const statementNamer = (max = 1000) => {
  const names = new Map<string, string>();
  return (text: string): string | undefined => {
    const known = names.get(text);
    if (known !== undefined || names.size >= max) return known;
    const name = `portal_${createHash("sha256").update(text).digest("base64url").slice(0, 32)}`;
    names.set(text, name);
    return name;
  };
};
