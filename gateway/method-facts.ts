import { validateAch, validateCard, type TAchInput, type TCardInput } from "./hosted/rules.js";
import { methodFingerprint, type TMethodFacts } from "./store";
import { achOutcome, bankName, cardOutcome } from "./test-numbers";

/**
 * What the gateway keeps of a card or bank number, checked by the hosted form's rules: its
 * facts, its test-number outcome and its fingerprint, never the number. The same numbers give
 * the same facts whether they were typed into the hosted fields or sent server to server. A
 * refusal names fields, never the values.
 */

type TChecked = { ok: true; facts: TMethodFacts } | { ok: false; fields: Record<string, string> };

export const cardFacts = (
  input: TCardInput & { zip?: string },
  { now, methodKey }: { now: Date; methodKey: Buffer },
): TChecked => {
  const checked = validateCard(input, now);
  if (!checked.ok) return checked;
  const { brand, last4, exp_month, exp_year, number } = checked.value;
  return {
    ok: true,
    facts: {
      kind: "card",
      brand,
      last4,
      exp_month,
      exp_year,
      bank_account_type: null,
      bank_name: null,
      // validateCard accepted it as 5 digits: a billing ZIP, not card data, kept for a stored method.
      billing_zip: (input.zip ?? "").trim(),
      outcome: cardOutcome(number),
      fingerprint: methodFingerprint(methodKey, { kind: "card", number }),
    },
  };
};

export const bankAccountFacts = (input: TAchInput, { methodKey }: { methodKey: Buffer }): TChecked => {
  const checked = validateAch(input);
  if (!checked.ok) return checked;
  const { last4, bank_account_type, routing_number, account_number } = checked.value;
  return {
    ok: true,
    facts: {
      kind: "ach",
      brand: null,
      last4,
      exp_month: null,
      exp_year: null,
      bank_account_type,
      // The bank's name, not its routing number, is what the vault keeps.
      bank_name: bankName(routing_number),
      billing_zip: null,
      outcome: achOutcome(account_number),
      fingerprint: methodFingerprint(methodKey, {
        kind: "ach",
        routingNumber: routing_number,
        accountNumber: account_number,
      }),
    },
  };
};
