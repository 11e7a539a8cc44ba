"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState, useSyncExternalStore, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox, TextField } from "@/components/ui/field";
import { FormMessage, Notice } from "@/components/ui/form-message";
import {
  HostedFields,
  HostedKindChoice,
  type THostedFieldsHandle,
  type THostedKind,
} from "@/components/payments/hosted-fields";
import { useWalletErrorText } from "@/components/saved-methods/use-wallet-error-text";
import { addMethodAction } from "@/lib/saved-methods/actions";

const subscribeToNothing = () => () => {};
const newKey = () => crypto.randomUUID();

/**
 * Adds a card or bank account to the wallet: the numbers go into the gateway's hosted fields;
 * this form sends the single-use token, the name on it, an optional nickname and whether it
 * becomes the default. The idempotency key stays with one set of details, so a double click
 * saves once.
 */
export function AddMethodForm({
  gatewayOrigin,
  publishableKey,
  hasMethods,
}: {
  gatewayOrigin: string;
  publishableKey: string;
  hasMethods: boolean;
}) {
  const t = useTranslations("AddMethod");
  const errorText = useWalletErrorText();
  const id = useId();
  const hosted = useRef<THostedFieldsHandle>(null);
  const [kind, setKind] = useState<THostedKind>("card");
  const [holderName, setHolderName] = useState("");
  const [nickname, setNickname] = useState("");
  const [makeDefault, setMakeDefault] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const [formKey, setFormKey] = useState(0);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [isSaving, startSaving] = useTransition();
  const isHydrated = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setSaved(null);
    if (!holderName.trim()) {
      setErrors({ holderName: [kind === "card" ? t("enterCardName") : t("enterAccountName")] });
      return;
    }
    setErrors({});
    startSaving(async () => {
      const tokenized = await hosted.current!.tokenize();
      if (!tokenized.ok) {
        setMessage(tokenized.message ?? t("checkDetails"));
        return;
      }
      const result = await addMethodAction(null, {
        token: tokenized.token.token,
        holderName,
        nickname,
        makeDefault,
        idempotencyKey,
      });
      if (result.ok) {
        const token = tokenized.token;
        setSaved(
          token.kind === "ach"
            ? t("savedBank", { last4: token.last4 })
            : t("savedCard", { last4: token.last4 }),
        );
        setHolderName("");
        setNickname("");
        setMakeDefault(false);
        setIdempotencyKey(newKey());
        setFormKey((k) => k + 1); // a fresh secure form for the next one
        return;
      }
      setMessage(errorText.text(result.message));
      setErrors(errorText.fieldErrors(result.fieldErrors) ?? {});
      // The token was spent (or refused): the next try tokenizes again, under a new key.
      setIdempotencyKey(newKey());
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="text-xl font-semibold">
        {t("title")}
      </h2>
      <div aria-live="polite">{saved ? <Notice tone="success">{saved}</Notice> : null}</div>
      <FormMessage state={message ? { ok: false, message } : null} />
      {/* Controlled fields: until React takes over, what was typed would be put back, so they wait. */}
      <fieldset disabled={!isHydrated} className="flex min-w-0 flex-col gap-4">
        <HostedKindChoice kind={kind} onChange={setKind} label={t("kind")} />
        <TextField
          label={kind === "card" ? t("nameOnCard") : t("nameOnAccount")}
          name="holderName"
          autoComplete="cc-name"
          value={holderName}
          onChange={(e) => setHolderName(e.target.value)}
          errors={errors.holderName}
        />
        <HostedFields
          key={`${kind}-${formKey}`}
          ref={hosted}
          gatewayOrigin={gatewayOrigin}
          publishableKey={publishableKey}
          kind={kind}
        />
        <TextField
          label={t("nickname")}
          name="nickname"
          hint={t("nicknameHint")}
          maxLength={40}
          value={nickname}
          onChange={(e) => setNickname(e.target.value)}
          errors={errors.nickname}
        />
        {hasMethods ? (
          <Checkbox checked={makeDefault} onChange={setMakeDefault}>
            {t("makeDefault")}
          </Checkbox>
        ) : null}
      </fieldset>
      <div>
        <Button type="submit" disabled={!isHydrated || isSaving} aria-disabled={!isHydrated || isSaving}>
          {isSaving ? t("saving") : t("save")}
        </Button>
      </div>
    </form>
  );
}
