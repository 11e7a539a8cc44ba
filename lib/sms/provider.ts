import "server-only";
import { smsConfig } from "@/lib/env";
import { createTwilioProvider } from "@/lib/sms/twilio";
import type { TSmsProvider } from "@/lib/sms/types";

let override: TSmsProvider | null | undefined;

/** The configured provider, or null when SMS is not configured (texts then stay due). */
export const getSmsProvider = (): TSmsProvider | null => {
  if (override !== undefined) return override;
  const config = smsConfig();
  return config ? createTwilioProvider(config) : null;
};

/** Tests: a provider of their own (null: none configured); undefined restores the configured one. */
export const setSmsProviderForTests = (provider: TSmsProvider | null | undefined) => {
  override = provider;
};
