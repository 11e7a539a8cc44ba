"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { INTL_LOCALES } from "@/lib/locale";
import { formatCents, MIN_PAYMENT_CENTS, parseDollarsToCents } from "@/lib/money";

export type TPayFormStatement = {
  id: string;
  statementNumber: string;
  balanceCents: number;
  currency: string;
  description: string;
};

type TLine = { isSelected: boolean; amount: string };

const toAmountString = (cents: number) => (cents / 100).toFixed(2);

/**
 * What the pay form pays: which statements, how much of each (as typed), and where the receipt
 * goes. The amounts are checked here for the person's sake only; the server parses them again
 * and checks them against its own balances.
 */
export const useStatementAmounts = ({
  statements,
  preselectedIds,
  askEmail,
  defaultEmail = "",
}: {
  statements: TPayFormStatement[];
  preselectedIds: string[];
  askEmail: boolean;
  /** The receipt address the field starts with (the staff terminal: the account's email). */
  defaultEmail?: string;
}) => {
  const t = useTranslations("PayForm");
  const say = useTranslations("ServerErrors");
  const intlLocale = INTL_LOCALES[useLocale()];
  const [lines, setLines] = useState<Record<string, TLine>>(() =>
    Object.fromEntries(
      statements.map((s) => [
        s.id,
        {
          isSelected: preselectedIds.length === 0 || preselectedIds.includes(s.id),
          amount: toAmountString(s.balanceCents),
        },
      ]),
    ),
  );
  const [email, setEmail] = useState(defaultEmail);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const selected = statements.filter((s) => lines[s.id]?.isSelected);
  const amounts = selected.map((s) => ({ s, cents: parseDollarsToCents(lines[s.id]!.amount) }));
  const totalCents = amounts.reduce((sum, a) => sum + (a.cents ?? 0), 0);

  /** Changes one statement's line (ticked, amount). */
  const setLine = (statementId: string, patch: Partial<TLine>) =>
    setLines((all) => ({ ...all, [statementId]: { ...all[statementId]!, ...patch } }));

  /** Checks the amounts and the email, shows what is wrong, and says whether all is well. */
  const validate = () => {
    const next: Record<string, string> = {};
    if (selected.length === 0) next.statements = say("chooseStatement");
    for (const { s, cents } of amounts) {
      if (cents === null) next[s.id] = say("amountFormat");
      else if (cents < MIN_PAYMENT_CENTS) next[s.id] = say("minimumPayment");
      else if (cents > s.balanceCents)
        next[s.id] = t("mostYouCanPay", { amount: formatCents(s.balanceCents, s.currency, intlLocale) });
    }
    if (askEmail && email && !/^\S+@\S+\.\S+$/.test(email)) next.email = t("emailOrEmpty");
    setErrors(next);
    return Object.keys(next).length === 0;
  };

  return {
    lines,
    setLine,
    email,
    setEmail,
    errors,
    validate,
    selected,
    amounts,
    totalCents,
    /** The allocations as the pay action takes them: the amounts go as typed. */
    allocations: () => amounts.map(({ s }) => ({ statementId: s.id, amount: lines[s.id]!.amount })),
    /** The receipt address, where one was asked for and given. */
    receiptEmail: () => (askEmail && email ? { payerEmail: email } : {}),
  };
};

export type TStatementAmounts = ReturnType<typeof useStatementAmounts>;
