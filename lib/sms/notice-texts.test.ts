import { describe, expect, it } from "vitest";
import { noticeText, type TSmsNotice } from "@/lib/sms/notice-texts";
import { smsSegments } from "@/lib/sms/segments";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

const NOTICES: TSmsNotice[] = [
  { kind: "PLAN_REMINDER", accountNumber: "A-1001", amountCents: 22250, dueDate: day("2026-03-15") }, // $222.50
  { kind: "PLAN_DECLINED", accountNumber: "A-1001", amountCents: 22250, retryOn: day("2026-03-18") }, // $222.50
  { kind: "PLAN_DECLINED", accountNumber: "A-1001", amountCents: 22250, retryOn: null }, // $222.50
  { kind: "AUTOPAY_REMINDER", accountNumber: "A-1001", amountCents: 12540, chargeOn: day("2026-03-15") }, // $125.40
  { kind: "AUTOPAY_DECLINED", accountNumber: "A-1001", amountCents: 12540 }, // $125.40
];

describe("noticeText", () => {
  it("says each notice in the practice's name, with the amount and account, and how to stop", () => {
    for (const notice of NOTICES) {
      const text = noticeText(notice, "Riverside Family Medicine");
      expect(text, notice.kind).toMatch(/^Riverside Family Medicine: /);
      expect(text, notice.kind).toMatch(/ Reply STOP to opt out\.$/);
      expect(text, notice.kind).toContain("account A-1001");
      expect(text, notice.kind).toMatch(/\$222\.50|\$125\.40/);
      // One text's worth, even from a practice with a long name.
      expect(noticeText(notice, "x".repeat(40)).length, notice.kind).toBeLessThanOrEqual(220);
    }
  });

  it("names the day of the charge, and of the retry or the default after a decline", () => {
    expect(noticeText(NOTICES[0]!, "P")).toContain("will be charged on Mar 15, 2026");
    expect(noticeText(NOTICES[1]!, "P")).toContain("We will try again on Mar 18, 2026");
    expect(noticeText(NOTICES[2]!, "P")).toContain("the plan is in default");
    expect(noticeText(NOTICES[3]!, "P")).toContain(
      "autopay will charge $125.40 for account A-1001 on Mar 15, 2026",
    );
    expect(noticeText(NOTICES[4]!, "P")).toContain("will not try again");
  });

  it("in Spanish: the same facts, how to stop, and GSM-7, so it costs the English text's segments", () => {
    for (const notice of NOTICES) {
      const text = noticeText(notice, "Riverside Family Medicine", "es");
      expect(text, notice.kind).toMatch(/^Riverside Family Medicine: /);
      expect(text, notice.kind).toMatch(/ Responda STOP para cancelar\.$/);
      expect(text, notice.kind).toContain("cuenta A-1001");
      expect(text, notice.kind).toMatch(/\$222\.50|\$125\.40/);
      const english = noticeText(notice, "Riverside Family Medicine");
      expect(smsSegments(text), notice.kind).toEqual({
        encoding: "GSM-7",
        segments: smsSegments(english).segments,
      });
      // Even from a practice with a long name: no more segments than the English.
      const long = "x".repeat(40);
      expect(smsSegments(noticeText(notice, long, "es")).segments, notice.kind).toBeLessThanOrEqual(
        Math.max(2, smsSegments(noticeText(notice, long)).segments),
      );
    }
    expect(noticeText(NOTICES[0]!, "P", "es")).toContain("se cobra el 15 mar 2026");
    expect(noticeText(NOTICES[1]!, "P", "es")).toContain("Volveremos a intentarlo el 18 mar 2026");
    expect(noticeText(NOTICES[2]!, "P", "es")).toContain("el plan se encuentra en incumplimiento");
    expect(noticeText(NOTICES[3]!, "P", "es")).toContain(
      "su cobro programado de $125.40 de la cuenta A-1001 se hace el 15 mar 2026",
    );
    expect(noticeText(NOTICES[4]!, "P", "es")).toContain("No lo reintentaremos.");
  });

  it("in English: one segment each from the demo practice", () => {
    for (const notice of NOTICES) {
      expect(smsSegments(noticeText(notice, "Riverside Family Medicine")), notice.kind).toMatchObject({
        encoding: "GSM-7",
      });
    }
  });
});
