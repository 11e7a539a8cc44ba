"use client";

import { useId, useRef, useState, useSyncExternalStore, useTransition } from "react";
import { NextIntlClientProvider, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Checkbox, Radio } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import {
  HostedFields,
  HostedKindChoice,
  type THostedFieldsHandle,
  type THostedKind,
  type THostedToken,
} from "@/components/payments/hosted-fields";
import { PayReview } from "@/components/payments/pay-review";
import {
  firstChoice,
  NEW_METHOD,
  SavedMethodChoice,
  type TPayFormSavedMethod,
} from "@/components/payments/saved-method-choice";
import { StatementAmounts } from "@/components/payments/statement-amounts";
import { type TPayFormStatement, useStatementAmounts } from "@/components/payments/use-statement-amounts";
import { usePayAttempt, type TPayAction } from "@/components/payments/use-pay-attempt";
import { WalletButtons, type TApplePaySessionAction } from "@/components/payments/wallet-buttons";
import { DEFAULT_LOCALE, LOCALE_NAMES, LOCALES, type TLocale } from "@/lib/locale";
import type { TWalletPayment } from "@/lib/payments/schemas";
import type { TWalletConfig } from "@/lib/payments/wallets";
import enErrors from "@/messages/en/errors.json";
import enPay from "@/messages/en/pay.json";
import staffPayments from "@/messages/staff/en/payments.json";

export type { TPayFormStatement } from "@/components/payments/use-statement-amounts";
export type { TPayFormSavedMethod } from "@/components/payments/saved-method-choice";

/** What the review step pays with: a saved method, or the new method's single-use token. */
type TPayWith =
  { kind: "saved"; methodId: string; label: string } | { kind: "new"; token: THostedToken; label: string };

/** "Visa ••1111", "Bank account ••6789": the new method as the review names it. */
const tokenLabel = (token: THostedToken, t: ReturnType<typeof useTranslations<"PayForm">>) =>
  token.kind === "ach"
    ? t("bankAccount", { last4: token.last4 })
    : t("cardLabel", {
        brand: token.brand ? token.brand.charAt(0).toUpperCase() + token.brand.slice(1) : t("card"),
        last4: token.last4,
      });

const subscribeToNothing = () => () => {};

/** How the patient pays at the staff terminal (Payment.channel), as a clerk names it. */
const TERMINAL_CHANNELS = [
  ["STAFF_PHONE", "byPhone"],
  ["MAIL", "byMail"],
  ["STAFF_OFFICE", "atDesk"],
] as const;
type TTerminalChannel = (typeof TERMINAL_CHANNELS)[number][0];

/** The staff virtual terminal's part of the form: the account paid for and its email. */
export type TPayFormTerminal = { accountId: string; defaultEmail: string };

type TPayFormProps = Parameters<typeof PayFormFields>[0];

/**
 * The English words of the pay form, for the staff terminal (the console is English), and the
 * terminal's own (messages/staff/en).
 */
const ENGLISH_PAY_MESSAGES = {
  ...enPay,
  ...enErrors,
  StaffTerminalReceipt: staffPayments.StaffTerminalReceipt,
};

/**
 * The staff terminal's choice of the receipt email's language (the patient has no login to read
 * one from): each language named in itself, English first and chosen unless the clerk changes it.
 */
function ReceiptLanguageChoice({
  name,
  value,
  onChange,
  isDisabled,
}: {
  name: string;
  value: TLocale;
  onChange: (locale: TLocale) => void;
  isDisabled: boolean;
}) {
  const t = useTranslations("StaffTerminalReceipt");
  return (
    <fieldset className="flex flex-col gap-1" disabled={isDisabled}>
      <legend className="font-medium">{t("language")}</legend>
      {LOCALES.map((locale) => (
        <Radio
          key={locale}
          name={name}
          value={locale}
          checked={value === locale}
          onChange={() => onChange(locale)}
        >
          <span lang={locale}>{LOCALE_NAMES[locale]}</span>
        </Radio>
      ))}
    </fieldset>
  );
}

/**
 * The pay form in the reader's language; the staff virtual terminal (`terminal`) always in
 * English, like the rest of the staff console (marked lang="en"), whatever language is chosen.
 */
export function PayForm(props: TPayFormProps) {
  if (!props.terminal) return <PayFormFields {...props} />;
  return (
    <NextIntlClientProvider locale="en" messages={ENGLISH_PAY_MESSAGES} timeZone="UTC">
      <PayFormFields {...props} />
    </NextIntlClientProvider>
  );
}

/**
 * Choose statements and amounts, enter a card or bank account in the gateway's hosted fields,
 * review, pay; or pay at once with a wallet. Both ways send one attempt through
 * `usePayAttempt`, which keeps the idempotency key (a double click or a lost answer never pays
 * twice). With `terminal`, it is the staff virtual terminal: the clerk also says how the patient
 * is paying, the receipt address starts as the account's, and an approval opens the staff
 * payment page.
 */
function PayFormFields({
  statements,
  preselectedIds,
  action,
  gatewayOrigin,
  publishableKey,
  askEmail,
  savedMethods = [],
  canSaveMethod = false,
  walletConfig,
  applePaySessionAction,
  terminal,
}: {
  statements: TPayFormStatement[];
  preselectedIds: string[];
  action: TPayAction;
  gatewayOrigin: string;
  publishableKey: string;
  askEmail: boolean;
  /** The signed-in patient's wallet, default first (none for a guest). */
  savedMethods?: TPayFormSavedMethod[];
  /** Offer "save for future payments" with a new method (signed-in patients). */
  canSaveMethod?: boolean;
  /** Apple Pay and Google Pay (lib/payments/wallets.ts); none when absent. */
  walletConfig?: TWalletConfig;
  applePaySessionAction?: TApplePaySessionAction;
  terminal?: TPayFormTerminal;
}) {
  const id = useId();
  const t = useTranslations("PayForm");
  const attempt = usePayAttempt(
    action,
    terminal ? (paymentId) => `/staff/payments/${paymentId}?taken=1` : undefined,
  );
  const hosted = useRef<THostedFieldsHandle>(null);
  const what = useStatementAmounts({
    statements,
    preselectedIds,
    askEmail,
    ...(terminal ? { defaultEmail: terminal.defaultEmail } : {}),
  });
  const [channel, setChannel] = useState<TTerminalChannel>("STAFF_PHONE");
  const [receiptLocale, setReceiptLocale] = useState<TLocale>(DEFAULT_LOCALE);
  /**
   * What the terminal adds to every attempt: the account, how the patient pays and, with a
   * receipt address, the receipt's language.
   */
  const terminalInput = () =>
    terminal ? { accountId: terminal.accountId, channel, ...(what.email ? { receiptLocale } : {}) } : {};
  const [kind, setKind] = useState<THostedKind>("card");
  const [choice, setChoice] = useState(() => firstChoice(savedMethods));
  const [saveMethod, setSaveMethod] = useState(false);
  const [step, setStep] = useState<"details" | "review">("details");
  const [payWith, setPayWith] = useState<TPayWith | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [isTokenizing, setIsTokenizing] = useState(false);
  const [isPaying, startPaying] = useTransition();
  const [isWalletPaying, setIsWalletPaying] = useState(false);
  // False in the server's HTML until React takes over. The inputs are controlled, so what was
  // ticked or typed before that would be put back by hydration, and a click would submit the
  // form natively: the form's fields and its button wait (disabled, as the browser greys them).
  const isHydrated = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );

  const onReview = async (event: React.FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (!what.validate()) return;
    const saved = savedMethods.find((m) => m.id === choice);
    if (saved) {
      setPayWith({ kind: "saved", methodId: saved.id, label: saved.label });
      setStep("review");
      return;
    }
    setIsTokenizing(true);
    try {
      const result = await hosted.current!.tokenize();
      if (!result.ok) {
        setMessage(result.message ?? t("checkDetails"));
        return;
      }
      setPayWith({ kind: "new", token: result.token, label: tokenLabel(result.token, t) });
      setStep("review");
    } finally {
      setIsTokenizing(false);
    }
  };

  /** A wallet's sheet was the confirmation: pay at once with what it gave (no review step). */
  const payWithWallet = async (wallet: TWalletPayment) => {
    setMessage(null);
    setIsWalletPaying(true);
    try {
      const result = await attempt.send({
        allocations: what.allocations(),
        wallet,
        ...what.receiptEmail(),
        ...terminalInput(),
      });
      if (!result.ok) setMessage(result.message);
      return { ok: result.ok };
    } finally {
      setIsWalletPaying(false);
    }
  };

  const canStartWallet = () => {
    setMessage(null);
    return what.validate();
  };

  const onPay = () => {
    if (!payWith) return;
    setMessage(null);
    startPaying(async () => {
      const result = await attempt.send({
        allocations: what.allocations(),
        ...(payWith.kind === "saved"
          ? { paymentMethodId: payWith.methodId }
          : {
              token: payWith.token.token,
              methodKind: payWith.token.kind === "ach" ? "ACH" : "CARD",
              ...(canSaveMethod && saveMethod ? { saveMethod: true } : {}),
            }),
        ...what.receiptEmail(),
        ...terminalInput(),
      });
      if (result.ok) return;
      setMessage(result.message);
      if (result.isAttemptSpent) setPayWith(null);
      if (result.step === "details") setStep("details");
    });
  };

  if (step === "review" && payWith) {
    return (
      <PayReview
        lines={what.amounts.map(({ s, cents }) => ({
          statementId: s.id,
          statementNumber: s.statementNumber,
          cents: cents ?? 0,
          currency: s.currency,
        }))}
        totalCents={what.totalCents}
        payWithLabel={payWith.label}
        receiptEmail={askEmail && what.email ? what.email : null}
        willSaveMethod={payWith.kind === "new" && canSaveMethod && saveMethod}
        message={message}
        isPaying={isPaying}
        onPay={onPay}
        onChangeDetails={() => {
          setPayWith(null);
          attempt.startOver();
          setStep("details");
        }}
      />
    );
  }

  return (
    <form onSubmit={onReview} noValidate className="flex flex-col gap-6">
      <FormMessage state={message ? { ok: false, message } : null} />
      <StatementAmounts id={id} statements={statements} amounts={what} isDisabled={!isHydrated} />

      {terminal ? (
        <fieldset className="flex flex-col gap-1" disabled={!isHydrated}>
          <legend className="mb-2 text-lg font-semibold">{t("howPatientPays")}</legend>
          {TERMINAL_CHANNELS.map(([value, label]) => (
            <label key={value} className="flex min-h-11 items-center gap-2">
              <input
                type="radio"
                name={`${id}-channel`}
                value={value}
                checked={channel === value}
                onChange={() => {
                  setChannel(value);
                  attempt.startOver();
                }}
                className="h-5 w-5"
              />
              {t(label)}
            </label>
          ))}
        </fieldset>
      ) : null}

      <fieldset className="flex flex-col gap-3" disabled={!isHydrated}>
        <legend className="mb-2 text-lg font-semibold">{t("howToPay")}</legend>
        {walletConfig && applePaySessionAction ? (
          <WalletButtons
            config={walletConfig}
            amountCents={what.totalCents}
            currency={what.selected[0]?.currency ?? "USD"}
            gatewayOrigin={gatewayOrigin}
            publishableKey={publishableKey}
            isDisabled={!isHydrated || isWalletPaying || isTokenizing}
            canStart={canStartWallet}
            onAuthorize={payWithWallet}
            applePaySessionAction={applePaySessionAction}
          />
        ) : null}
        {isWalletPaying ? (
          <p aria-live="polite" className="font-medium">
            {t("paying")}
          </p>
        ) : null}
        {savedMethods.length > 0 ? (
          <SavedMethodChoice
            name={`${id}-method`}
            savedMethods={savedMethods}
            choice={choice}
            onChoose={setChoice}
          />
        ) : null}
        {choice === NEW_METHOD ? (
          <>
            <HostedKindChoice kind={kind} onChange={setKind} label={t("kindOfNewMethod")} />
            <HostedFields
              ref={hosted}
              gatewayOrigin={gatewayOrigin}
              publishableKey={publishableKey}
              kind={kind}
            />
            {canSaveMethod ? (
              <Checkbox checked={saveMethod} onChange={setSaveMethod}>
                {t("saveMethod")}
              </Checkbox>
            ) : null}
          </>
        ) : null}
      </fieldset>

      {askEmail ? (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-email`} className="font-medium">
            {terminal ? t("terminalReceiptEmail") : t("receiptEmail")}
          </label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="email"
            disabled={!isHydrated}
            value={what.email}
            onChange={(e) => what.setEmail(e.target.value)}
            aria-invalid={Boolean(what.errors.email) || undefined}
            aria-describedby={`${id}-email-error`}
            className="min-h-11 rounded-md border border-slate-400 px-3 py-2"
          />
          <div id={`${id}-email-error`} aria-live="polite">
            {what.errors.email ? <p className="text-sm text-red-700">{what.errors.email}</p> : null}
          </div>
        </div>
      ) : null}
      {askEmail && terminal ? (
        <ReceiptLanguageChoice
          name={`${id}-receipt-locale`}
          value={receiptLocale}
          onChange={(locale) => {
            setReceiptLocale(locale);
            attempt.startOver();
          }}
          isDisabled={!isHydrated}
        />
      ) : null}

      <Button type="submit" disabled={!isHydrated || isTokenizing}>
        {isTokenizing ? t("checking") : t("review")}
      </Button>
    </form>
  );
}
