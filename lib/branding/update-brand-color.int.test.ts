import { beforeAll, describe, expect, it } from "vitest";
import type { TStaffActor } from "@/lib/auth/session";
import { getEmailBrand } from "@/lib/branding/queries";
import { updateBrandColor } from "@/lib/branding/update-brand-color";
import { DEFAULT_BRAND_COLOR } from "@/lib/email/brand";
import { paragraph } from "@/lib/email/message";
import { sendEmail } from "@/lib/email/send-email";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.62");

describe("the practice's email colour", () => {
  let practiceId: string;
  const people: Record<"manager" | "clerk" | "auditor" | "admin", TStaffActor> = {} as never;

  const actorOf = async (email: string): Promise<TStaffActor> => {
    const u = await database.db.user.findUniqueOrThrow({ where: { email } });
    return { userId: u.id, email: u.email, role: u.role, name: `${u.firstName} ${u.lastName}`, practiceId };
  };

  beforeAll(async () => {
    practiceId = (await database.db.practice.findFirstOrThrow()).id;
    people.manager = await actorOf(DEMO.staff.email);
    people.clerk = await actorOf(DEMO.clerk.email);
    people.auditor = await actorOf(DEMO.auditor.email);
    people.admin = await actorOf(DEMO.admin.email);
  });

  it("may be changed only with settings.manage; each refusal is audited and changes nothing", async () => {
    expect((await getEmailBrand(practiceId)).color).toBe(DEFAULT_BRAND_COLOR);
    for (const who of [people.manager, people.clerk, people.auditor]) {
      await expect(updateBrandColor({ actor: who, brandColor: "#14532d", context })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect((await getEmailBrand(practiceId)).color).toBe(DEFAULT_BRAND_COLOR);
    expect(
      await database.db.auditLog.count({ where: { action: "practice.brand_color", outcome: "DENIED" } }),
    ).toBe(3);
  });

  it("refuses a colour white text cannot be read on, or that is not a colour, saying why", async () => {
    await expect(
      updateBrandColor({ actor: people.admin, brandColor: "#ffd700", context }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      userMessage: expect.stringMatching(/contrast of 1\.\d\d:1; buttons need at least 4\.5:1/),
    });
    await expect(
      updateBrandColor({ actor: people.admin, brandColor: "green", context }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      userMessage: expect.stringContaining("hex code"),
    });
    expect((await getEmailBrand(practiceId)).color).toBe(DEFAULT_BRAND_COLOR);
  });

  it("is set by an administrator, audited, and worn by the practice's emails from then on", async () => {
    expect(await updateBrandColor({ actor: people.admin, brandColor: "#14532D", context })).toEqual({
      brandColor: "#14532d",
    });
    expect(await getEmailBrand(practiceId)).toMatchObject({ color: "#14532d" });
    const change = await database.db.auditLog.findFirstOrThrow({
      where: { action: "practice.brand_color", outcome: "SUCCESS", targetId: practiceId },
    });
    expect(change.metadata).toEqual({ from: DEFAULT_BRAND_COLOR, to: "#14532d" });
    // Another practice keeps its own.
    const other = await database.db.practice.create({
      data: { name: "Lakeside Pediatrics", clientId: "LKP-COLOR" },
    });
    expect((await getEmailBrand(other.id)).color).toBe(DEFAULT_BRAND_COLOR);

    await sendEmail({ to: "brand@example.com", practiceId, subject: "Hello", blocks: [paragraph("Hi.")] });
    const row = await database.db.outboxEmail.findFirstOrThrow({ where: { to: "brand@example.com" } });
    expect(row.html).toContain("background-color:#14532d");
    expect(row.html).not.toContain(DEFAULT_BRAND_COLOR);
  });
});
