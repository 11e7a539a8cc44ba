import { describe, expect, it } from "vitest";
import { ZPostingSettingsInput } from "@/lib/exports/schemas";
import { updatePostingSettings } from "@/lib/exports/update-posting-settings";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.91");

const form = {
  formats: ["imdpa-1.2", "x12-835", "deposit"],
  cutoff: "18:30",
  merchantId: " M-77 ",
  storeId: "S-2",
  terminalId: "",
  lockboxNumber: "",
  x12SenderId: "RFMSEND",
  x12ReceiverId: "RFMRECV",
  x12Account: "",
};

describe("an admin's posting settings", () => {
  it("saves the formats, the cut-off and the identifiers, and records who changed them", async () => {
    const practice = await database.db.practice.findUniqueOrThrow({
      where: { clientId: DEMO.practice.clientId },
    });
    const admin = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.admin.email } });
    const other = await database.db.practice.create({
      data: {
        name: "Elsewhere",
        clientId: "ELSEWHERE-S",
        postingSettings: { create: { cutoffMinutes: 60 } },
      },
    });
    await updatePostingSettings({
      actor: { kind: "staff", userId: admin.id, email: admin.email, role: "ADMIN", practiceId: practice.id },
      practiceId: practice.id,
      input: ZPostingSettingsInput.parse(form),
      context,
    });
    expect(
      await database.db.postingSettings.findUniqueOrThrow({ where: { practiceId: practice.id } }),
    ).toMatchObject({
      formats: ["IMDPA12", "X12_835", "DEPOSIT_10"],
      cutoffMinutes: 18 * 60 + 30,
      merchantId: "M-77",
      storeId: "S-2",
      terminalId: "",
      lockboxNumber: null,
      x12SenderId: "RFMSEND",
      x12Account: null,
    });
    // Another practice's settings are untouched.
    expect(
      await database.db.postingSettings.findUniqueOrThrow({ where: { practiceId: other.id } }),
    ).toMatchObject({
      cutoffMinutes: 60,
      formats: [],
    });
    const audit = await database.db.auditLog.findFirstOrThrow({
      where: { action: "exports.posting_settings_changed" },
    });
    expect(audit).toMatchObject({ actorUserId: admin.id, targetId: practice.id });
  });

  it("refuses a cut-off that is not HH:MM, a format without its identifier, and X12 delimiters", () => {
    const errors = (input: Record<string, unknown>) => {
      const parsed = ZPostingSettingsInput.safeParse({ ...form, ...input });
      return parsed.success
        ? {}
        : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
    };
    expect(errors({ cutoff: "24:00" })).toEqual({
      cutoff: "Enter the cut-off as HH:MM, from 00:00 to 23:59.",
    });
    expect(errors({ formats: ["lockbox-a"] })).toEqual({
      lockboxNumber: "Lockbox A needs the lockbox number.",
    });
    expect(errors({ x12ReceiverId: "" })).toEqual({
      x12ReceiverId: "The 835 needs the X12 sender and receiver IDs.",
    });
    expect(errors({ x12SenderId: "A*B" })).toEqual({
      x12SenderId: "The X12 sender ID must not contain *, ~, : or ^.",
    });
    expect(errors({ lockboxNumber: "1234567" })).toEqual({
      lockboxNumber: "The lockbox number is 1 to 6 digits.",
    });
    expect(errors({ formats: ["pdf"] })).toEqual({ "formats.0": "Choose formats from the list." });
    // One format ticked arrives as a string, none as nothing.
    expect(ZPostingSettingsInput.parse({ ...form, formats: "imdpa-1.4" }).formats).toEqual(["imdpa-1.4"]);
    expect(ZPostingSettingsInput.parse({ ...form, formats: undefined }).formats).toEqual([]);
  });
});
