"use client";

import { useId, useRef, useState, useSyncExternalStore, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import {
  HostedFields,
  HostedKindChoice,
  type THostedFieldsHandle,
  type THostedKind,
  type THostedToken,
} from "@/components/payments/hosted-fields";
import { PayReview } from "@/components/payments/pay-review";
import { usePayAttempt, type TPayAction } from "@/components/payments/use-pay-attempt";
import { WalletButtons, type TApplePaySessionAction } from "@/components/payments/wallet-buttons";
import { formatCents, parseDollarsToCents, MIN_PAYMENT_CENTS } from "@/lib/money";
import type { TWalletPayment } from "@/lib/payments/schemas";
import type { TWalletConfig } from "@/lib/payments/wallets";

export type TPayFormStatement = {
  id: string;
  statementNumber: string;
  balanceCents: number;
  currency: string;
  description: string;
};

/** A method of the patient's wallet, as the pay form offers it. */
export type TPayFormSavedMethod = { id: string; label: string; isDefault: boolean; isExpired: boolean };

/** What the review step pays with: a saved method, or the new method's single-use token. */
type TPayWith =
  { kind: "saved"; methodId: string; label: string } | { kind: "new"; token: THostedToken; label: string };

const NEW_METHOD = "new";

const tokenLabel = (token: THostedToken) =>
  token.kind === "ach"
    ? `Bank account ••${token.last4}`
    : `${token.brand ? token.brand.charAt(0).toUpperCase() + token.brand.slice(1) : "Card"} ••${token.last4}`;

type TLine = { isSelected: boolean; amount: string };

const toAmountString = (cents: number) => (cents / 100).toFixed(2);
const subscribeToNothing = () => () => {};

/**
 * Choose statements and amounts, enter a card or bank account in the gateway's hosted fields,
 * review, pay; or pay at once with a wallet. Both ways send one attempt through
 * `usePayAttempt`, which keeps the idempotency key (a double click or a lost answer never pays
 * twice).
 */
export function PayForm({
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
}) {
  const id = useId();
  const attempt = usePayAttempt(action);
  const hosted = useRef<THostedFieldsHandle>(null);
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
  const [kind, setKind] = useState<THostedKind>("card");
  const [choice, setChoice] = useState(
    () =>
      savedMethods.find((m) => m.isDefault && !m.isExpired)?.id ??
      savedMethods.find((m) => !m.isExpired)?.id ??
      NEW_METHOD,
  );
  const [saveMethod, setSaveMethod] = useState(false);
  const [email, setEmail] = useState("");
  const [step, setStep] = useState<"details" | "review">("details");
  const [payWith, setPayWith] = useState<TPayWith | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
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

  const selected = statements.filter((s) => lines[s.id]?.isSelected);
  const amounts = selected.map((s) => ({ s, cents: parseDollarsToCents(lines[s.id]!.amount) }));
  const totalCents = amounts.reduce((sum, a) => sum + (a.cents ?? 0), 0);
  // The amounts go as typed: the server parses them and checks them against its own balances.
  const allocations = () => amounts.map(({ s }) => ({ statementId: s.id, amount: lines[s.id]!.amount }));
  const receiptEmail = () => (askEmail && email ? { payerEmail: email } : {});

  const validateAmounts = () => {
    const next: Record<string, string> = {};
    if (selected.length === 0) next.statements = "Choose at least one statement to pay.";
    for (const { s, cents } of amounts) {
      if (cents === null) next[s.id] = "Enter an amount in dollars and cents, like 25.00.";
      else if (cents < MIN_PAYMENT_CENTS) next[s.id] = "The smallest payment is $1.00.";
      else if (cents > s.balanceCents)
        next[s.id] = `The most you can pay is ${formatCents(s.balanceCents, s.currency)}.`;
    }
    if (askEmail && email && !/^\S+@\S+\.\S+$/.test(email))
      next.email = "Enter a valid email address, or leave it empty.";
    return next;
  };

  const onReview = async (event: React.FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const amountErrors = validateAmounts();
    setErrors(amountErrors);
    if (Object.keys(amountErrors).length > 0) return;
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
        setMessage(result.message ?? "Check the highlighted payment details.");
        return;
      }
      setPayWith({ kind: "new", token: result.token, label: tokenLabel(result.token) });
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
      const result = await attempt.send({ allocations: allocations(), wallet, ...receiptEmail() });
      if (!result.ok) setMessage(result.message);
      return { ok: result.ok };
    } finally {
      setIsWalletPaying(false);
    }
  };

  const canStartWallet = () => {
    setMessage(null);
    const amountErrors = validateAmounts();
    setErrors(amountErrors);
    return Object.keys(amountErrors).length === 0;
  };

  const onPay = () => {
    if (!payWith) return;
    setMessage(null);
    startPaying(async () => {
      const result = await attempt.send({
        allocations: allocations(),
        ...(payWith.kind === "saved"
          ? { paymentMethodId: payWith.methodId }
          : {
              token: payWith.token.token,
              methodKind: payWith.token.kind === "ach" ? "ACH" : "CARD",
              ...(canSaveMethod && saveMethod ? { saveMethod: true } : {}),
            }),
        ...receiptEmail(),
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
        lines={amounts.map(({ s, cents }) => ({
          statementId: s.id,
          statementNumber: s.statementNumber,
          cents: cents ?? 0,
          currency: s.currency,
        }))}
        totalCents={totalCents}
        payWithLabel={payWith.label}
        receiptEmail={askEmail && email ? email : null}
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
      <fieldset className="flex flex-col gap-3" disabled={!isHydrated}>
        <legend className="mb-2 text-lg font-semibold">What to pay</legend>
        <div id={`${id}-statements-error`} aria-live="polite">
          {errors.statements ? <p className="text-sm text-red-700">{errors.statements}</p> : null}
        </div>
        {statements.map((s) => {
          const line = lines[s.id]!;
          const errorId = `${id}-${s.id}-error`;
          return (
            <div key={s.id} className="rounded-md border border-slate-200 p-3">
              <label className="flex min-h-11 items-start gap-3">
                <input
                  type="checkbox"
                  className="mt-1 h-5 w-5"
                  checked={line.isSelected}
                  onChange={(e) => setLines({ ...lines, [s.id]: { ...line, isSelected: e.target.checked } })}
                />
                <span>
                  <span className="font-medium">Statement {s.statementNumber}</span>
                  <span className="block text-sm text-slate-700">
                    {s.description} · balance {formatCents(s.balanceCents, s.currency)}
                  </span>
                </span>
              </label>
              {line.isSelected ? (
                <div className="mt-2 flex flex-col gap-1 sm:ml-8">
                  <label htmlFor={`${id}-${s.id}`} className="text-sm font-medium">
                    Amount for statement {s.statementNumber}
                  </label>
                  <div className="flex items-center gap-1">
                    <span aria-hidden="true">$</span>
                    <input
                      id={`${id}-${s.id}`}
                      inputMode="decimal"
                      autoComplete="off"
                      value={line.amount}
                      onChange={(e) => setLines({ ...lines, [s.id]: { ...line, amount: e.target.value } })}
                      aria-invalid={Boolean(errors[s.id]) || undefined}
                      aria-describedby={errorId}
                      className={`min-h-11 w-40 rounded-md border px-3 py-2 ${errors[s.id] ? "border-red-700" : "border-slate-400"}`}
                    />
                  </div>
                  <div id={errorId} aria-live="polite">
                    {errors[s.id] ? <p className="text-sm text-red-700">{errors[s.id]}</p> : null}
                  </div>
                </div>
              ) : null}
            </div>
          );
        })}
        <p className="text-lg font-semibold">
          Total: <span className="tabular-nums">{formatCents(totalCents)}</span>
        </p>
      </fieldset>

      <fieldset className="flex flex-col gap-3" disabled={!isHydrated}>
        <legend className="mb-2 text-lg font-semibold">How to pay</legend>
        {walletConfig && applePaySessionAction ? (
          <WalletButtons
            config={walletConfig}
            amountCents={totalCents}
            currency={selected[0]?.currency ?? "USD"}
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
            Paying…
          </p>
        ) : null}
        {savedMethods.length > 0 ? (
          <div className="flex flex-col gap-1">
            {savedMethods.map((m) => (
              <label key={m.id} className="flex min-h-11 items-center gap-2">
                <input
                  type="radio"
                  name={`${id}-method`}
                  value={m.id}
                  checked={choice === m.id}
                  disabled={m.isExpired}
                  onChange={() => setChoice(m.id)}
                  className="h-5 w-5"
                />
                <span>
                  {m.label}
                  {m.isDefault ? <span className="ml-2 text-sm text-slate-700">(default)</span> : null}
                  {m.isExpired ? (
                    <span className="ml-2 text-sm text-red-800">expired: update it in your wallet</span>
                  ) : null}
                </span>
              </label>
            ))}
            <label className="flex min-h-11 items-center gap-2">
              <input
                type="radio"
                name={`${id}-method`}
                value={NEW_METHOD}
                checked={choice === NEW_METHOD}
                onChange={() => setChoice(NEW_METHOD)}
                className="h-5 w-5"
              />
              A new card or bank account
            </label>
          </div>
        ) : null}
        {choice === NEW_METHOD ? (
          <>
            <HostedKindChoice kind={kind} onChange={setKind} label="Kind of new payment method" />
            <HostedFields
              ref={hosted}
              gatewayOrigin={gatewayOrigin}
              publishableKey={publishableKey}
              kind={kind}
            />
            {canSaveMethod ? (
              <Checkbox checked={saveMethod} onChange={setSaveMethod}>
                Save it for future payments
              </Checkbox>
            ) : null}
          </>
        ) : null}
      </fieldset>

      {askEmail ? (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-email`} className="font-medium">
            Email for your receipt (optional)
          </label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="email"
            disabled={!isHydrated}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={Boolean(errors.email) || undefined}
            aria-describedby={`${id}-email-error`}
            className="min-h-11 rounded-md border border-slate-400 px-3 py-2"
          />
          <div id={`${id}-email-error`} aria-live="polite">
            {errors.email ? <p className="text-sm text-red-700">{errors.email}</p> : null}
          </div>
        </div>
      ) : null}

      <Button type="submit" disabled={!isHydrated || isTokenizing}>
        {isTokenizing ? "Checking your details…" : "Review payment"}
      </Button>
    </form>
  );
}
