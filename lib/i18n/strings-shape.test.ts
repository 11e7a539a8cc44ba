import { describe, expect, it } from "vitest";
import { FAMILY_EMAIL_STRINGS } from "@/lib/access/emails";
import { AUTH_EMAIL_STRINGS } from "@/lib/auth/emails";
import { AUTOPAY_EMAIL_STRINGS } from "@/lib/autopay/emails";
import { ITEMIZED_STATEMENT_STRINGS, YEARLY_SUMMARY_STRINGS } from "@/lib/documents/strings";
import { LOCALES } from "@/lib/locale";
import { stringsShapeProblems } from "@/lib/i18n/strings-shape";
import { PAYMENT_RETURNED_STRINGS } from "@/lib/payments/emails";
import { PLAN_EMAIL_STRINGS } from "@/lib/plans/emails";
import { PROFILE_EMAIL_STRINGS } from "@/lib/profile/emails";
import { RECEIPT_STRINGS } from "@/lib/receipts/strings";
import { SMS_REPLY_STRINGS } from "@/lib/sms/messages";
import { NOTICE_STRINGS } from "@/lib/sms/notice-texts";
import { TEXT_TO_PAY_STRINGS } from "@/lib/text-to-pay/queue-texts";

/** A strings object as text, its functions by their source. */
const source = (strings: unknown) =>
  JSON.stringify(strings, (_, v: unknown) => (typeof v === "function" ? v.toString() : v));

/** Every strings object outside React (PDFs, emails, texts), by language. */
const BY_LANGUAGE = {
  "receipt (page, PDF, email)": RECEIPT_STRINGS,
  "plan emails": PLAN_EMAIL_STRINGS,
  "autopay emails": AUTOPAY_EMAIL_STRINGS,
  "login emails": AUTH_EMAIL_STRINGS,
  "profile emails": PROFILE_EMAIL_STRINGS,
  "family emails (invitation, plan or autopay ended)": FAMILY_EMAIL_STRINGS,
  "bank return email": PAYMENT_RETURNED_STRINGS,
  "plan and autopay texts": NOTICE_STRINGS,
  "HELP, STOP, START and consent texts": SMS_REPLY_STRINGS,
  "text-to-pay text": TEXT_TO_PAY_STRINGS,
};

/** The documents' objects are keyed by their Intl locale. */
const BY_DOCUMENT_LOCALE = {
  "itemized statement PDF": ITEMIZED_STATEMENT_STRINGS,
  "yearly summary PDF": YEARLY_SUMMARY_STRINGS,
};

describe("every strings object has every key, filled, in every language", () => {
  it.each(Object.entries(BY_LANGUAGE))("%s", (_, strings) => {
    expect(Object.keys(strings).sort()).toEqual([...LOCALES].sort());
    for (const locale of LOCALES) {
      expect(stringsShapeProblems(strings.en, strings[locale]), locale).toEqual([]);
    }
    // Spanish is written, not copied: no string of it is the English one.
    expect(source(strings.es)).not.toBe(source(strings.en));
  });

  it.each(Object.entries(BY_DOCUMENT_LOCALE))("%s", (_, strings) => {
    expect(Object.keys(strings).sort()).toEqual(["en-US", "es-US"]);
    expect(stringsShapeProblems(strings["en-US"], strings["es-US"])).toEqual([]);
    expect(source(strings["es-US"])).not.toBe(source(strings["en-US"]));
  });

  it("finds what differs: a missing key, an empty string, a list of another length, other arguments", () => {
    expect(
      stringsShapeProblems(
        { a: "A", b: ["x", "y"], c: (n: number) => `${n}`, d: { e: "E" } },
        { a: " ", b: ["x"], c: () => "", d: {}, z: "extra" },
      ),
    ).toEqual([
      ".z: extra",
      ".a: empty",
      ".b: 1 items, not 2",
      ".c: takes 0 arguments, not 1",
      ".d.e: not a string",
    ]);
  });
});
