"use client";

import { useState, useSyncExternalStore } from "react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";

const MESSAGES: Record<string, string> = {
  INVALID_CREDENTIALS: "That email and password don't match our records.",
  EMAIL_NOT_VERIFIED: "Please confirm your email address first. We have just emailed you a new link.",
  PASSWORD_CHANGE_REQUIRED:
    "Your password is temporary. Choose your own first: we have just emailed you a link to do so.",
  RATE_LIMITED:
    "Too many attempts. For your security, sign-in is paused for 15 minutes. You can reset your password instead.",
  UNAVAILABLE: "We couldn't sign you in just now. Please try again in a moment.",
};

const subscribeToNothing = () => () => {};

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
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
        setError(MESSAGES[result?.error ?? ""] ?? "We couldn't sign you in. Please try again.");
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError("We couldn't reach the server. Check your connection and try again.");
    } finally {
      setIsPending(false);
    }
  };

  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormMessage state={error ? { ok: false, message: error } : null} />
      <TextField label="Email" name="email" type="email" autoComplete="username" required />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" disabled={!isHydrated || isPending}>
        {isPending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
