import { describe, expect, it } from "vitest";
import { statementNamer } from "@/lib/db/statement-names";

describe("statementNamer", () => {
  it("gives one text the same name every time, and another text another name", () => {
    const nameOf = statementNamer();
    const a = nameOf(`SELECT id FROM "user" WHERE id = $1`);
    expect(a).toMatch(/^portal_[\w-]{32}$/);
    expect(nameOf(`SELECT id FROM "user" WHERE id = $1`)).toBe(a);
    expect(nameOf(`SELECT id FROM "user" WHERE email = $1`)).not.toBe(a);
  });

  it("fits PostgreSQL's limit on a name (63 bytes)", () => {
    const name = statementNamer()("SELECT 1".repeat(1000));
    expect(Buffer.byteLength(name ?? "")).toBeLessThanOrEqual(63);
  });

  it("names no more than `max` texts: the next ones run unnamed, the named keep their names", () => {
    const nameOf = statementNamer(2);
    const first = nameOf("SELECT 1");
    expect(first).toBeDefined();
    expect(nameOf("SELECT 2")).toBeDefined();
    expect(nameOf("SELECT 3")).toBeUndefined();
    expect(nameOf("SELECT 1")).toBe(first);
  });
});
