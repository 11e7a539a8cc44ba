"use client";

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
      setErrors({ holderName: [`Enter the name on the ${kind === "card" ? "card" : "account"}.`] });
      return;
    }
    setErrors({});
    startSaving(async () => {
      const tokenized = await hosted.current!.tokenize();
      if (!tokenized.ok) {
        setMessage(tokenized.message ?? "Check the highlighted details.");
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
        const t = tokenized.token;
        setSaved(
          t.kind === "ach" ? `Bank account ending ${t.last4} saved.` : `Card ending ${t.last4} saved.`,
        );
        setHolderName("");
        setNickname("");
        setMakeDefault(false);
        setIdempotencyKey(newKey());
        setFormKey((k) => k + 1); // a fresh secure form for the next one
        return;
      }
      setMessage(result.message);
      setErrors(result.fieldErrors ?? {});
      // The token was spent (or refused): the next try tokenizes again, under a new key.
      setIdempotencyKey(newKey());
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="text-xl font-semibold">
        Add a card or bank account
      </h2>
      <div aria-live="polite">{saved ? <Notice tone="success">{saved}</Notice> : null}</div>
      <FormMessage state={message ? { ok: false, message } : null} />
      {/* Controlled fields: until React takes over, what was typed would be put back, so they wait. */}
      <fieldset disabled={!isHydrated} className="flex min-w-0 flex-col gap-4">
        <HostedKindChoice kind={kind} onChange={setKind} label="Kind of payment method" />
        <TextField
          label={kind === "card" ? "Name on card" : "Name on account"}
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
          label="Nickname (optional)"
          name="nickname"
          hint="For example “Joint checking” or “Work card”."
          maxLength={40}
          value={nickname}
          onChange={(e) => setNickname(e.target.value)}
          errors={errors.nickname}
        />
        {hasMethods ? (
          <Checkbox checked={makeDefault} onChange={setMakeDefault}>
            Make this my default payment method
          </Checkbox>
        ) : null}
      </fieldset>
      <div>
        <Button type="submit" disabled={!isHydrated || isSaving} aria-disabled={!isHydrated || isSaving}>
          {isSaving ? "Saving…" : "Save payment method"}
        </Button>
      </div>
    </form>
  );
}
