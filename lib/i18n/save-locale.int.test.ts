import { beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/session";
import { saveLocale } from "@/lib/i18n/save-locale";
import { createPatientForTest } from "@/lib/profile/fixtures";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase();
const context = requestFrom("203.0.113.51");

describe("a patient's chosen language", () => {
  let casey: TActor;
  beforeAll(async () => {
    casey = await createPatientForTest(database.db);
  });

  /** What the user row holds (null: not chosen, or no such user). */
  const getSavedLocale = async ({ userId }: { userId: string }) =>
    (await database.db.user.findUnique({ where: { id: userId }, select: { locale: true } }))?.locale ?? null;

  const audits = () =>
    database.db.auditLog.findMany({
      where: { action: "profile.locale_changed", actorUserId: casey.userId },
      orderBy: { createdAt: "asc" },
    });

  it("is none until the patient chooses", async () => {
    await expect(getSavedLocale({ userId: casey.userId })).resolves.toBeNull();
    await expect(getSavedLocale({ userId: "no-such-user" })).resolves.toBeNull();
  });

  it("is saved on the user row and audited once per change", async () => {
    await saveLocale({ patient: casey, locale: "es", context });
    await expect(getSavedLocale({ userId: casey.userId })).resolves.toBe("es");
    // The same choice again changes nothing and records nothing.
    await saveLocale({ patient: casey, locale: "es", context });
    await saveLocale({ patient: casey, locale: "en", context });
    await expect(getSavedLocale({ userId: casey.userId })).resolves.toBe("en");
    expect((await audits()).map((a) => a.metadata)).toEqual([
      { from: null, to: "es" },
      { from: "es", to: "en" },
    ]);
  });
});
