"use client";

import { useState, useSyncExternalStore } from "react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";

/** Why signing in failed (next-auth's `error`), as messages/<locale>/auth.json's Login.errors names it. */
const REASONS = [
  "INVALID_CREDENTIALS",
  "EMAIL_NOT_VERIFIED",
  "PASSWORD_CHANGE_REQUIRED",
  "RATE_LIMITED",
  "UNAVAILABLE",
] as const;
const isReason = (error: string | null | undefined): error is (typeof REASONS)[number] =>
  (REASONS as readonly (string | null | undefined)[]).includes(error);

const subscribeToNothing = () => () => {};

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const t = useTranslations("Login");
  // False in the server HTML and until hydration. Submitting before the submit handler is
  // attached would send the form natively, so the button stays disabled until then.
  const isHydrated = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (!result || result.error) {
        setError(isReason(result?.error) ? t(`errors.${result.error}`) : t("errors.other"));
        return;
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
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormMessage state={error ? { ok: false, message: error } : null} />
      <TextField label={t("email")} name="email" type="email" autoComplete="username" required />
      <TextField
        label={t("password")}
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      <Button type="submit" disabled={!isHydrated || isPending}>
        {isPending ? t("pending") : t("submit")}
      </Button>
    </form>
  );
}
