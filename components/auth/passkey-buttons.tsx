"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { signIn } from "next-auth/react";
import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import { Button } from "@/components/ui/button";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { useServerWords } from "@/components/ui/use-server-words";
import {
  passkeyRegistrationOptionsAction,
  passkeySecondFactorOptionsAction,
  passkeySignInOptionsAction,
  registerPasskeyAction,
  verifyPasskeySecondFactorAction,
} from "@/lib/auth/mfa/passkey-actions";

/** Sign in with a passkey instead of a password (the browser offers the passkeys it has for us). */
export function PasskeySignInButton({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("Login");
  const { say } = useServerWords();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const onClick = async () => {
    setIsPending(true);
    setError(null);
    try {
      const options = await passkeySignInOptionsAction(null, {});
      if (!options.ok) return setError(say(options.message));
      let response;
      try {
        response = await startAuthentication({ optionsJSON: options.data.options });
      } catch {
        return setError(t("passkeyCancelled"));
      }
      const result = await signIn("passkey", {
        challengeId: options.data.challengeId,
        response: JSON.stringify(response),
        redirect: false,
      });
      if (!result || result.error) {
        return setError(t(result?.error === "RATE_LIMITED" ? "passkeyRateLimited" : "passkeyFailed"));
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError(t("errors.offline"));
    } finally {
      setIsPending(false);
    }
  };
  return (
    <div className="flex flex-col gap-2">
      <FormMessage state={error ? { ok: false, message: error } : null} />
      <Button type="button" variant="secondary" onClick={() => void onClick()} disabled={isPending}>
        {isPending ? t("waitingPasskey") : t("usePasskey")}
      </Button>
    </div>
  );
}

/**
 * The second step after the password (or a step-up) with one of the user's passkeys: the
 * server's challenge for this session, the browser's passkey prompt, the server's check. In the
 * language the two-step page chose (English for staff), the server's words too.
 */
export function PasskeySecondFactorButton({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("MfaForms");
  const { say } = useServerWords();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const onClick = async () => {
    setIsPending(true);
    setError(null);
    try {
      const options = await passkeySecondFactorOptionsAction(null, {});
      if (!options.ok) return setError(say(options.message));
      let response;
      try {
        response = await startAuthentication({ optionsJSON: options.data.options });
      } catch {
        return setError(t("passkeyNotUsed"));
      }
      const result = await verifyPasskeySecondFactorAction(null, {
        challengeId: options.data.challengeId,
        response: JSON.stringify(response),
        callbackUrl,
      });
      if (!result.ok) return setError(say(result.message));
      router.replace(result.data.next);
      router.refresh();
    } catch {
      setError(t("unreachable"));
    } finally {
      setIsPending(false);
    }
  };
  return (
    <div className="flex flex-col gap-2">
      <FormMessage state={error ? { ok: false, message: error } : null} />
      <Button type="button" onClick={() => void onClick()} disabled={isPending}>
        {isPending ? t("waitingPasskey") : t("usePasskey")}
      </Button>
    </div>
  );
}

/** Adds a passkey to the signed-in user's login. */
export function AddPasskeyButton() {
  const t = useTranslations("Passkeys");
  const serverWords = useServerWords();
  const router = useRouter();
  const [state, setState] = useState<{ ok: boolean; message: string } | null>(null);
  const [isPending, setIsPending] = useState(false);
  const onClick = async () => {
    setIsPending(true);
    setState(null);
    try {
      const options = await passkeyRegistrationOptionsAction(null, {});
      if (!options.ok) return setState({ ok: false, message: serverWords.say(options.message) });
      let response;
      try {
        response = await startRegistration({ optionsJSON: options.data.options });
      } catch {
        return setState({ ok: false, message: t("notAdded") });
      }
      const result = await registerPasskeyAction(null, {
        challengeId: options.data.challengeId,
        response: JSON.stringify(response),
      });
      if (!result.ok) return setState({ ok: false, message: serverWords.say(result.message) });
      setState({ ok: true, message: t("addedNotice", { name: result.data.name }) });
      router.refresh();
    } catch {
      setState({ ok: false, message: t("unreachable") });
    } finally {
      setIsPending(false);
    }
  };
  return (
    <div className="flex flex-col gap-2">
      <div aria-live="polite">{state?.ok ? <Notice tone="success">{state.message}</Notice> : null}</div>
      <FormMessage state={state} />
      <Button type="button" variant="secondary" onClick={() => void onClick()} disabled={isPending}>
        {isPending ? t("waiting") : t("add")}
      </Button>
    </div>
  );
}
