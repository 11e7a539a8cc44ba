"use client";

import { useId, useImperativeHandle, useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { newMethodMessages } from "@/lib/saved-methods/schemas";
import { FieldErrors, TextField } from "@/components/ui/field";
import {
  HostedFields,
  HostedKindChoice,
  type THostedFieldsHandle,
  type THostedKind,
  type TTokenizeResult,
} from "@/components/payments/hosted-fields";

export type TNewMethodFieldsHandle = { tokenize: () => Promise<TTokenizeResult> };

export type THostedFieldsConfig = { gatewayOrigin: string; publishableKey: string };

/** What a form with NewMethodFields says before its own action answers (a name left out, a card refused). */
export type TNewMethodError = { message: string; fieldErrors?: Record<string, string[]> };

/**
 * The new method's step of a plan or autopay form's submit: the name on it first (a token is
 * spent once, so it is asked for only when the rest can go), then the hosted fields' token.
 * `tokenFrom(formData)` answers the token and the name, or null with `error` set to what to say.
 */
export const useNewMethodToken = () => {
  const t = useTranslations("NewMethod");
  const ref = useRef<TNewMethodFieldsHandle>(null);
  const [isTokenizing, setIsTokenizing] = useState(false);
  const [error, setError] = useState<TNewMethodError | null>(null);
  const tokenFrom = async (formData: FormData) => {
    const holderName = String(formData.get("holderName") ?? "").trim();
    if (!holderName) {
      setError({
        message: newMethodMessages.holderName,
        fieldErrors: { holderName: [newMethodMessages.holderName] },
      });
      return null;
    }
    setIsTokenizing(true);
    const tokenized = await ref.current!.tokenize();
    setIsTokenizing(false);
    if (!tokenized.ok) {
      setError({ message: tokenized.message ?? t("checkDetails") });
      return null;
    }
    return { token: tokenized.token.token, holderName };
  };
  return { ref, isTokenizing, error, setError, tokenFrom };
};

/**
 * A new card or bank account inside another form (a payment plan, autopay), so the patient need
 * not leave for the wallet: card or bank, the name on it (an uncontrolled `holderName` input of
 * the surrounding form) and the gateway's hosted fields, whose numbers never reach our server.
 * The form calls `tokenize()` on submit and sends the token with the rest; the server has the
 * gateway verify it and saves it in the wallet with the agreement (lib/saved-methods/new-method.ts).
 */
export function NewMethodFields({
  ref,
  config,
  errors,
  intro,
}: {
  ref: React.Ref<TNewMethodFieldsHandle>;
  config: THostedFieldsConfig;
  errors: Record<string, string[] | undefined>;
  /** Says what the new method will pay. */
  intro: string;
}) {
  const errorId = useId();
  const t = useTranslations("NewMethod");
  const lang = useLocale();
  const loading = useTranslations("HostedFields")("stillLoading");
  const hosted = useRef<THostedFieldsHandle>(null);
  const [kind, setKind] = useState<THostedKind>("card");
  useImperativeHandle(
    ref,
    () => ({
      tokenize: () => hosted.current?.tokenize() ?? Promise.resolve({ ok: false, message: loading }),
    }),
    [loading],
  );
  return (
    // Marked with its language: the plan and autopay forms around it may not be translated yet.
    <fieldset lang={lang} className="flex min-w-0 flex-col gap-3 rounded-md border border-slate-300 p-4">
      <legend className="px-1 font-medium text-slate-800">{t("legend")}</legend>
      <p className="text-sm text-slate-700">{intro}</p>
      <HostedKindChoice kind={kind} onChange={setKind} label={t("kind")} />
      <TextField
        label={kind === "card" ? t("nameOnCard") : t("nameOnAccount")}
        name="holderName"
        autoComplete="cc-name"
        maxLength={100}
        errors={errors.holderName}
      />
      <HostedFields
        key={kind}
        ref={hosted}
        gatewayOrigin={config.gatewayOrigin}
        publishableKey={config.publishableKey}
        kind={kind}
      />
      <FieldErrors id={errorId} errors={errors.newMethodToken} />
    </fieldset>
  );
}
