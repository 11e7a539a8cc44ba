import { describe, expect, it } from "vitest";
import { parseIsoDay } from "@/lib/dates";
import { formatSignupLine } from "@/lib/files/signup-file";
import {
  deltaWindowEnd,
  SIGNUP_DELTA_SETTLE_MS,
  signupFileName,
  toSignupRow,
  type TSignupSource,
} from "@/lib/exports/signup-rows";

const day = (iso: string) => parseIsoDay(iso)!;

const card: TSignupSource = {
  accountNumber: "A-1001",
  guarantorFirstName: "Pat",
  guarantorLastName: "Rivera",
  guarantorDob: day("1980-01-01"),
  email: "pat@example.com",
  payerId: "user_1",
  status: "ACTIVE",
  limitCents: 20000, // $200.00
  methodKind: "CARD",
  brand: "visa",
  last4: "4242",
  bankAccountType: null,
  statusDate: day("2026-03-10"),
  draftDate: day("2026-03-20"),
};

describe("toSignupRow", () => {
  it("writes an enrolled card: CC, its card type and last 4, the limit and the next draft", () => {
    expect(formatSignupLine(toSignupRow(card, "RFM001"))).toBe(
      "IMPSPO|A-1001|RFM001|Rivera|Pat||19800101|pat@example.com|user_1|Enrolled|CC|Visa||4242||20260310|20260320|200.00|||",
    );
  });

  it("writes an enrolled bank account as eCheck with its account type", () => {
    const bank = {
      ...card,
      methodKind: "ACH",
      brand: null,
      last4: "6789",
      bankAccountType: "BUSINESS",
    } as const;
    expect(formatSignupLine(toSignupRow(bank, "RFM001"))).toBe(
      "IMPSPO|A-1001|RFM001|Rivera|Pat||19800101|pat@example.com|user_1|Enrolled|eCheck||Business||6789|20260310|20260320|200.00|||",
    );
    expect(toSignupRow({ ...bank, bankAccountType: null }, "X").bankAccountType).toBeNull();
  });

  it("leaves the method, draft and limit empty for an account no longer enrolled", () => {
    const row = toSignupRow({ ...card, status: "CANCELLED", statusDate: day("2026-03-12") }, "RFM001");
    expect(formatSignupLine(row)).toBe(
      "IMPSPO|A-1001|RFM001|Rivera|Pat||19800101|pat@example.com|user_1|Not Enrolled||||||20260312|||||",
    );
  });

  it("writes a wallet card as CC, and leaves out what the layout has no code for", () => {
    expect(toSignupRow({ ...card, methodKind: "GOOGLE_PAY", brand: "jcb" }, "X")).toMatchObject({
      paymentType: "CC",
      cardType: null,
      cardLast4: "4242",
    });
    expect(toSignupRow({ ...card, brand: "Mastercard" }, "X").cardType).toBe("MC");
    // A last 4 that is not 4 digits is left empty rather than failing the whole file.
    expect(toSignupRow({ ...card, last4: "42" }, "X").cardLast4).toBeNull();
    expect(() => formatSignupLine(toSignupRow({ ...card, last4: "x1" }, "X"))).not.toThrow();
  });

  it("keeps a missing DOB, email and payer empty", () => {
    const line = formatSignupLine(
      toSignupRow({ ...card, guarantorDob: null, email: null, payerId: null }, "C"),
    );
    expect(line.split("|").slice(6, 9)).toEqual(["", "", ""]);
  });
});

describe("signupFileName", () => {
  it("names the client, the day and the mode", () => {
    expect(signupFileName({ clientId: "RFM001", businessDay: day("2026-03-09"), mode: "FULL" })).toBe(
      "IMPSPO_RFM001_20260309_FULL.txt",
    );
    expect(signupFileName({ clientId: "A B/../c_d", businessDay: day("2026-12-31"), mode: "DELTA" })).toBe(
      "IMPSPO_A-B----c-d_20261231_DELTA.txt",
    );
  });
});

describe("deltaWindowEnd", () => {
  const ny = "America/New_York";
  it("ends a past day at the practice's midnight", () => {
    const end = deltaWindowEnd({
      businessDay: day("2026-03-07"),
      timeZone: ny,
      now: new Date("2026-03-08T05:30:00Z"), // 00:30 EST on the 8th (the clocks change at 02:00)
      windowStart: null,
    });
    expect(end.toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(
      deltaWindowEnd({
        businessDay: day("2026-03-08"),
        timeZone: ny,
        now: new Date("2026-03-10T00:00:00Z"),
        windowStart: null,
      }).toISOString(),
    ).toBe("2026-03-09T04:00:00.000Z"); // a 23-hour day
  });

  it("ends today's file a moment before now, so changes still committing go into the next", () => {
    const now = new Date("2026-03-10T18:00:00Z");
    const end = deltaWindowEnd({ businessDay: day("2026-03-10"), timeZone: ny, now, windowStart: null });
    expect(now.getTime() - end.getTime()).toBe(SIGNUP_DELTA_SETTLE_MS);
  });

  it("never ends before its start", () => {
    const windowStart = new Date("2026-03-10T17:59:30Z");
    expect(
      deltaWindowEnd({
        businessDay: day("2026-03-10"),
        timeZone: ny,
        now: new Date("2026-03-10T18:00:00Z"),
        windowStart,
      }),
    ).toEqual(windowStart);
  });
});
