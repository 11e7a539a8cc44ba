import { describe, expect, it } from "vitest";
import {
  addressTakenEmail,
  choosePasswordEmail,
  resetPasswordEmail,
  verificationEmail,
} from "@/lib/auth/emails";
import { autopayDeclinedEmail, autopayOverLimitEmail, autopayReminderEmail } from "@/lib/autopay/emails";
import { arrangementEndedByGuarantorEmail, invitationEmail } from "@/lib/access/emails";
import { emailLinks, emailText, type TEmailMessage } from "@/lib/email/message";
import { emailHtml } from "@/lib/email/render-html";
import { paymentReturnedEmail } from "@/lib/payments/emails";
import { agreementEmail, declinedEmail, reminderEmail } from "@/lib/plans/emails";
import {
  emailAlreadyUsedEmail,
  emailChangeLinkEmail,
  emailChangedEmail,
  emailChangeRequestedEmail,
  passwordChangedEmail,
} from "@/lib/profile/emails";
import { receiptFixture } from "@/lib/receipts/fixtures";
import { receiptEmail } from "@/lib/receipts/receipt-email";
import { staffInvitationEmail, staffPasswordResetEmail } from "@/lib/staff-users/emails";
import { endpointDisabledEmail } from "@/lib/webhooks/emails";

const to = "pat@example.com";
const link = "https://pay.example.org/reset-password?token=abc%2Bdef";
const practice = { practiceId: "prac_1", practiceName: "Riverside Family Medicine", accountNumber: "A-1001" };
const plan = { ...practice, to, amountCents: 12540, dueDate: new Date("2026-12-15T12:00:00Z") }; // $125.40
const autopay = {
  ...practice,
  to,
  statementNumber: "ST-1001",
  amountCents: 8000, // $80.00
  chargeOn: new Date("2026-12-20T12:00:00Z"),
};

/** One message of every template the portal sends (each variant that changes the links). */
const EVERY_EMAIL: [string, TEmailMessage][] = [
  ["verification", verificationEmail({ to, link })],
  ["temporary password", choosePasswordEmail({ to, link })],
  ["address taken", addressTakenEmail({ to })],
  ["password reset", resetPasswordEmail({ to, link })],
  ["email change link", emailChangeLinkEmail({ to, link })],
  ["email change requested", emailChangeRequestedEmail({ to, newEmail: "new@example.com" })],
  ["email changed", emailChangedEmail({ to, newEmail: "new@example.com" })],
  ["email already used", emailAlreadyUsedEmail({ to })],
  ["password changed", passwordChangedEmail({ to })],
  [
    "staff invitation",
    staffInvitationEmail({ to, practiceId: "prac_1", firstName: "Ana", roleLabel: "Billing clerk", link }),
  ],
  ["staff password reset", staffPasswordResetEmail({ to, practiceId: "prac_1", firstName: "Ana", link })],
  ["plan reminder", reminderEmail({ ...plan, methodLabel: "Visa ending in 4242" })],
  ["plan declined", declinedEmail({ ...plan, retryOn: new Date("2026-12-18T12:00:00Z") })],
  ["plan in default", declinedEmail({ ...plan, retryOn: null })],
  [
    "plan agreement",
    agreementEmail({
      ...practice,
      to,
      agreedVia: "PHONE",
      agreedOn: "Dec 1, 2026, 10:00 AM EST",
      agreementVersion: "2026-01",
      agreementText: "I agree to pay $125.40 a month.\nThe first payment is due Dec 15, 2026.",
      hasLogin: true,
    }),
  ],
  ["autopay reminder", autopayReminderEmail({ ...autopay, methodLabel: "Checking ending in 6789" })],
  ["autopay over limit", autopayOverLimitEmail({ ...autopay, limitCents: 5000 })], // $50.00
  ["autopay declined", autopayDeclinedEmail(autopay)],
  ["receipt", receiptEmail(receiptFixture(), { to, practiceId: "prac_1", isGuest: false })],
  ["guest receipt", receiptEmail(receiptFixture(), { to, practiceId: "prac_1", isGuest: true })],
  [
    "bank return",
    paymentReturnedEmail({
      to,
      practice: { id: "prac_1", name: "Riverside Family Medicine", phone: "(215) 555-0142" },
      amountCents: 22540, // $225.40
      currency: "USD",
      receiptNumber: "R-20261124-7K3QX9",
    }),
  ],
  [
    "webhook endpoint disabled",
    endpointDisabledEmail({
      to,
      practiceId: "prac_1",
      practiceName: "Riverside Family Medicine",
      endpointId: "whe_1",
      url: "https://pms.example.org/hooks",
      disabledReason: null,
    }),
  ],
];

const invitation = {
  to,
  practiceId: "prac_1",
  practiceName: "Riverside Family Medicine",
  inviterName: "Pat Rivera",
  inviterFirstName: "Pat",
  guarantorName: "Pat Rivera",
  scope: "PAY",
  link,
} as const;
const ended = {
  to,
  practiceId: "prac_1",
  practiceName: "Riverside Family Medicine",
  guarantorName: "Pat Rivera",
  accountNumber: "A-1001",
} as const;
EVERY_EMAIL.push(
  ["family invitation", invitationEmail(invitation)],
  ["family member's plan ended", arrangementEndedByGuarantorEmail({ ...ended, what: "plan" })],
  ["family member's autopay ended", arrangementEndedByGuarantorEmail({ ...ended, what: "autopay" })],
);

/** The same templates in Spanish (each in the recipient's language: docs/i18n.md). */
const es = { locale: "es" } as const;
const EVERY_SPANISH_EMAIL: [string, TEmailMessage][] = [
  ["verification (es)", verificationEmail({ to, link, ...es })],
  ["temporary password (es)", choosePasswordEmail({ to, link, ...es })],
  ["address taken (es)", addressTakenEmail({ to, ...es })],
  ["password reset (es)", resetPasswordEmail({ to, link, ...es })],
  ["email change link (es)", emailChangeLinkEmail({ to, link, ...es })],
  ["email change requested (es)", emailChangeRequestedEmail({ to, newEmail: "new@example.com", ...es })],
  ["email changed (es)", emailChangedEmail({ to, newEmail: "new@example.com", ...es })],
  ["email already used (es)", emailAlreadyUsedEmail({ to, ...es })],
  ["password changed (es)", passwordChangedEmail({ to, ...es })],
  ["plan reminder (es)", reminderEmail({ ...plan, methodLabel: "Visa ••4242", ...es })],
  ["plan declined (es)", declinedEmail({ ...plan, retryOn: new Date("2026-12-18T12:00:00Z"), ...es })],
  ["plan in default (es)", declinedEmail({ ...plan, retryOn: null, ...es })],
  [
    "autopay reminder (es)",
    autopayReminderEmail({ ...autopay, methodLabel: "Cuenta bancaria ••6789", ...es }),
  ],
  ["autopay over limit (es)", autopayOverLimitEmail({ ...autopay, limitCents: 5000, ...es })], // $50.00
  ["autopay declined (es)", autopayDeclinedEmail({ ...autopay, ...es })],
  ["receipt (es)", receiptEmail(receiptFixture(), { to, practiceId: "prac_1", isGuest: false, ...es })],
  ["guest receipt (es)", receiptEmail(receiptFixture(), { to, practiceId: "prac_1", isGuest: true, ...es })],
  ["family invitation (es)", invitationEmail({ ...invitation, ...es })],
  ["family member's plan ended (es)", arrangementEndedByGuarantorEmail({ ...ended, what: "plan", ...es })],
  [
    "family member's autopay ended (es)",
    arrangementEndedByGuarantorEmail({ ...ended, what: "autopay", ...es }),
  ],
  [
    // In the language of the agreement's text (its version says which: lib/plans/agreement.ts).
    "plan agreement (es)",
    agreementEmail({
      ...practice,
      to,
      agreedVia: "PHONE",
      agreedOn: "1 dic 2026, 10:00 a.m. EST",
      agreementVersion: "plan-agreement-v1-es",
      agreementText: "Acepto pagar $125.40 al mes.\nEl primer pago vence el 15 dic 2026.",
      hasLogin: true,
      ...es,
    }),
  ],
  [
    "bank return (es)",
    paymentReturnedEmail({
      to,
      practice: { id: "prac_1", name: "Riverside Family Medicine", phone: "(215) 555-0142" },
      amountCents: 22540, // $225.40
      currency: "USD",
      receiptNumber: "R-20261124-7K3QX9",
      ...es,
    }),
  ],
];
EVERY_EMAIL.push(...EVERY_SPANISH_EMAIL);

const brand = { name: "Riverside Family Medicine", color: "#14532d" };

const decode = (html: string) =>
  html
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Every <a> of the HTML: its address and the words a person (or a screen reader) gets. */
const anchorsOf = (html: string) =>
  [...html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)].map(([, attributes, inner]) => ({
    href: decode(/href="([^"]*)"/.exec(attributes!)?.[1] ?? ""),
    text: decode(inner!.replace(/<!--[\s\S]*?-->/g, "").replace(/<[^>]+>/g, "")).trim(),
  }));

/** What the HTML shows, without tags, comments and the hidden inbox preview. */
const visibleText = (html: string) =>
  decode(
    html
      .replace(/<div[^>]*data-skip-in-text="true">[\s\S]*?<\/div>(?:<\/div>)?/, "")
      .replace(/<head>[\s\S]*?<\/head>/, "")
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<br\/>/g, "\n")
      .replace(/<[^>]+>/g, " "),
  );

const AMOUNT = /\$\d[\d,]*\.\d\d/g;

describe("every email's two parts", () => {
  it.each(EVERY_EMAIL)(
    "%s: the same links, every one a button with words, in both parts",
    async (name, message) => {
      const text = emailText(message);
      const html = await emailHtml(message, brand);
      const links = emailLinks(message);
      for (const { href, label } of links) {
        expect(text).toContain(href);
        expect(label).toMatch(/^[A-Z][a-z]/); // words, not an address
        expect(label).not.toMatch(/https?:/);
      }
      // The HTML has exactly the message's links, each an <a> whose words are the button's label,
      // styled as a button in the practice's colour; the text part has no other address.
      expect(anchorsOf(html)).toEqual(links.map(({ href, label }) => ({ href, text: label })));
      for (const { href } of links) {
        expect(html).toMatch(
          new RegExp(`href="${href.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*background-color:#14532d`),
        );
      }
      const addresses = (text.match(/https?:\/\/\S+/g) ?? []).map((a) => a.replace(/[.,]$/, ""));
      const stray = addresses.filter((a) => !links.some((l) => l.href === a));
      // The only address that is not a button: the webhook endpoint's own, named in a sentence.
      expect(stray).toEqual(name === "webhook endpoint disabled" ? ["https://pms.example.org/hooks"] : []);
    },
  );

  it.each(EVERY_EMAIL)("%s: the same words and amounts in both parts", async (_, message) => {
    const text = emailText(message);
    const html = await emailHtml(message, brand);
    const shown = visibleText(html).replace(/\s+/g, " ");
    // Every line of the text part but the addresses (which are buttons) is in the HTML.
    for (const line of text.split("\n")) {
      const words = line.trim();
      if (!words || /^https?:\/\//.test(words)) continue;
      // The text part pads the facts' labels into a column; the HTML puts them in a table.
      const at = words.search(/:\s+\S/);
      if (at > 0) {
        expect(shown).toContain(words.slice(0, at));
        expect(shown).toContain(words.slice(at + 1).trim());
      } else {
        expect(shown).toContain(words);
      }
    }
    // The HTML's heading is the subject; apart from it, the amounts are the text part's.
    expect((shown.match(AMOUNT) ?? []).sort()).toEqual(
      [...(message.subject.match(AMOUNT) ?? []), ...(text.match(AMOUNT) ?? [])].sort(),
    );
    // One document: react-email's doctype, then the page; the only comments are the buttons'
    // Outlook ones, none of React's markers (`<!--$-->`, `<!--html-->`).
    expect(html).toMatch(
      /^<!DOCTYPE html PUBLIC "-\/\/W3C\/\/DTD XHTML 1\.0 Transitional\/\/EN" "[^"]+"><html /,
    );
    expect(html.match(/<!--(?!\[if mso\])[\s\S]*?-->/g)).toBeNull();
    expect(html).toContain(`<html dir="ltr" lang="${message.locale ?? "en"}">`);
    expect(html).toContain(
      `<title>${message.subject.replace(/&/g, "&amp;").replace(/'/g, "&#x27;")}</title>`,
    );
    expect(shown).toContain(brand.name);
  });
});

describe("every email in Spanish", () => {
  it.each(EVERY_SPANISH_EMAIL)(
    "%s: no English left, and its English twin has as many links",
    (name, message) => {
      const text = `${message.subject}\n${emailText(message)}`;
      // Words of the English templates that never appear in the Spanish ones.
      for (const english of [/\bYour\b/, /\byour\b/, /\bthe\b/, /\bThis link\b/, /\bPlease\b/, /\bSee\b/]) {
        expect(text, `${name}: ${english}`).not.toMatch(english);
      }
      const twin = EVERY_EMAIL.find(([n]) => n === name.replace(" (es)", ""));
      expect(twin, name).toBeDefined();
      expect(emailLinks(message).map((l) => l.href)).toEqual(emailLinks(twin![1]).map((l) => l.href));
    },
  );
});
