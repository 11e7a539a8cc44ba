import { describe, expect, it } from "vitest";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-key";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/queries";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { makeAdmin, makePractice } from "@/lib/test/api-fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase();
const bearer = (key: string) => `Bearer ${key}`;

describe("API keys", () => {
  it("shows the key once and keeps only its hash and prefix", async () => {
    const practice = await makePractice(database.db);
    const admin = await makeAdmin(database.db, practice.id);
    const created = await createApiKey({
      practiceId: practice.id,
      name: "PMS sync",
      scope: "read",
      actor: admin,
    });
    const row = await database.db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(created.key.startsWith(row.prefix)).toBe(true);
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(row).toMatchObject({ name: "PMS sync", scope: "READ", createdBy: admin.email, revokedAt: null });
    const audit = await database.db.auditLog.findFirstOrThrow({
      where: { action: "api_key.created", targetId: created.id },
    });
    expect(JSON.stringify(audit)).not.toContain(created.key);
    const listed = await listApiKeys(practice.id);
    expect(listed.map((k) => k.prefix)).toEqual([row.prefix]);
    expect(JSON.stringify(listed)).not.toContain(row.keyHash);
  });

  it("finds the key of a request, and refuses a revoked, unknown or malformed one alike", async () => {
    const practice = await makePractice(database.db);
    const admin = await makeAdmin(database.db, practice.id);
    const created = await createApiKey({ practiceId: practice.id, name: "k", scope: "write", actor: admin });
    const now = new Date();
    const found = await authenticateApiKey({ authorization: bearer(created.key), now });
    expect(found).toMatchObject({ ok: true, caller: { practiceId: practice.id, scope: "WRITE" } });
    expect(await authenticateApiKey({ authorization: null, now })).toEqual({ ok: false, reason: "MISSING" });
    expect(await authenticateApiKey({ authorization: "Basic abc", now })).toEqual({
      ok: false,
      reason: "INVALID",
    });
    const other = `${created.key.slice(0, -1)}${created.key.endsWith("A") ? "B" : "A"}`;
    expect(await authenticateApiKey({ authorization: bearer(other), now })).toEqual({
      ok: false,
      reason: "INVALID",
    });

    const revoked = await revokeApiKey({ practiceId: practice.id, apiKeyId: created.id, actor: admin });
    expect(revoked.wasRevoked).toBe(false);
    expect(await authenticateApiKey({ authorization: bearer(created.key), now })).toEqual({
      ok: false,
      reason: "INVALID",
    });
    expect((await revokeApiKey({ prefix: created.prefix, actor: { kind: "command-line" } })).wasRevoked).toBe(
      true,
    );
    expect(
      await database.db.auditLog.count({ where: { action: "api_key.revoked", targetId: created.id } }),
    ).toBe(1);
  });

  it("does not let an admin revoke another practice's key", async () => {
    const mine = await makePractice(database.db);
    const admin = await makeAdmin(database.db, mine.id);
    const theirs = await makePractice(database.db);
    const created = await createApiKey({
      practiceId: theirs.id,
      name: "theirs",
      scope: "read",
      actor: admin,
    });
    await expect(
      revokeApiKey({ practiceId: mine.id, apiKeyId: created.id, actor: admin }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await database.db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).revokedAt).toBeNull();
  });

  it("counts requests per key and minute, and writes lastUsedAt at most once a minute", async () => {
    const practice = await makePractice(database.db);
    const admin = await makeAdmin(database.db, practice.id);
    const created = await createApiKey({ practiceId: practice.id, name: "k", scope: "read", actor: admin });
    await database.db.apiKey.update({ where: { id: created.id }, data: { rateLimitPerMinute: 3 } });
    const t0 = new Date("2026-12-06T10:00:10.000Z");
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const answers = [];
    for (let i = 0; i < 4; i++)
      answers.push(await authenticateApiKey({ authorization: bearer(created.key), now: at(i * 1000) }));
    expect(answers.map((a) => (a.ok ? "ok" : a.reason))).toEqual(["ok", "ok", "ok", "RATE_LIMITED"]);
    expect(answers[3]).toMatchObject({ resetAt: new Date("2026-12-06T10:01:00.000Z"), limit: 3 });
    expect((await database.db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).toEqual(
      t0,
    );
    // The next minute starts a new count; lastUsedAt moves once it is a minute old.
    const next = await authenticateApiKey({ authorization: bearer(created.key), now: at(61_000) });
    expect(next).toMatchObject({ ok: true, remaining: 2 });
    expect((await database.db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).toEqual(
      at(61_000),
    );
  });
});
