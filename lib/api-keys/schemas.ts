import { z } from "zod";

export const API_KEY_SCOPES = ["read", "write"] as const;
export type TApiKeyScopeName = (typeof API_KEY_SCOPES)[number];

export const API_KEY_NAME_MAX = 80;

/** A key's name, as an admin types it in the console or on the command line. */
export const ZApiKeyName = z
  .string({ error: "Give the key a name." })
  .trim()
  .min(1, { error: "Give the key a name." })
  .max(API_KEY_NAME_MAX, { error: `Keep the name to ${API_KEY_NAME_MAX} characters.` })
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), {
    error: "The name has a character that is not allowed.",
  });

export const ZApiKeyScopeName = z.enum(API_KEY_SCOPES, { error: "Choose read or write." });

export const ZCreateApiKeyInput = z.object({ name: ZApiKeyName, scope: ZApiKeyScopeName });
export type TCreateApiKeyInput = z.infer<typeof ZCreateApiKeyInput>;

export const ZRevokeApiKeyInput = z.object({ apiKeyId: z.string().min(1).max(64) });

/** What the console shows once after making a key. */
export type TCreatedApiKey = {
  id: string;
  name: string;
  scope: TApiKeyScopeName;
  prefix: string;
  key: string;
};
