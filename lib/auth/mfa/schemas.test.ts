import { describe, expect, it } from "vitest";
import { z } from "zod";
import { PASSKEY_NAME_MAX, ZRenamePasskeyInput } from "@/lib/auth/mfa/schemas";

const nameErrors = (name: string) => {
  const parsed = ZRenamePasskeyInput.safeParse({ passkeyId: "pk1", name });
  return parsed.success ? [] : (z.flattenError(parsed.error).fieldErrors.name ?? []);
};

describe("a passkey's name", () => {
  it("is trimmed and kept up to the limit", () => {
    expect(ZRenamePasskeyInput.parse({ passkeyId: "pk1", name: "  Work laptop  " }).name).toBe("Work laptop");
    expect(nameErrors("x".repeat(PASSKEY_NAME_MAX))).toEqual([]);
    expect(nameErrors("Téléphone d'Émilie 📱")).toEqual([]);
  });

  it("is refused empty, too long or with a control character, each with a clear message", () => {
    expect(nameErrors("   ")).toEqual(["Enter a name for the passkey."]);
    expect(nameErrors("x".repeat(PASSKEY_NAME_MAX + 1))).toEqual(["Use 60 characters or fewer."]);
    expect(nameErrors("Work\tlaptop")).toEqual(["Use letters, digits, spaces and punctuation only."]);
  });
});
