import { describe, expect, it } from "vitest";
import { noticeText, type TSmsNotice } from "@/lib/sms/notice-texts";

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
});
