import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createTranslator, IntlErrorCode } from "next-intl";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { STAFF_FILES_NOT_YET, STAFF_ROOTS, TRANSLATED_FILES } from "@/lib/i18n/translated-files";
import en from "@/messages/en";
import es from "@/messages/es";
import staff from "@/messages/staff/en";

const root = path.resolve(import.meta.dirname, "../..");

/** JSX props that people read or hear: a literal in one of them is a hard-coded word. */
const READ_PROPS = new Set([
  "label",
  "hint",
  "title",
  "description",
  "placeholder",
  "pendingText",
  "caption",
  "alt",
  "aria-label",
  "aria-description",
]);

/** Names that are the same in every language (the demo practice's; a real one comes from the database). */
const PROPER_NAMES = new Set(["Riverside Family Medicine"]);

/** A word: two letters in a row. Punctuation, arrows, "·" and spaces between elements are fine. */
const hasWord = (text: string) => !PROPER_NAMES.has(text.trim()) && /\p{L}{2}/u.test(text);

/** Every piece of English-looking text written into a file's JSX: text between tags and read props. */
export const strayText = (source: string, fileName = "file.tsx") => {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWord(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && READ_PROPS.has(node.name.getText(file)) && node.initializer) {
      const init = node.initializer;
      const literal = ts.isStringLiteral(init)
        ? init
        : ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)
          ? init.expression
          : null;
      if (literal && hasWord(literal.text)) found.push(`${node.name.getText(file)}="${literal.text}"`);
    }
    // A string or template literal as a JSX child: {"Back"} or {`Pay ${n}`}.
    if (ts.isJsxExpression(node) && node.expression && ts.isJsxElement(node.parent)) {
      const e = node.expression;
      if (ts.isStringLiteralLike(e) && hasWord(e.text)) found.push(e.text);
      if (ts.isTemplateExpression(e) && hasWord(e.head.text)) found.push(e.head.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
};

/** "a.b.c" for every leaf of a messages object. */
const keysOf = (value: unknown, prefix = ""): string[] =>
  value && typeof value === "object"
    ? Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k))
    : [prefix];

const leaf = (messages: unknown, key: string) =>
  key.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], messages);

/** The {placeholders} of an ICU message (not the words inside a plural's branches). */
const placeholders = (message: string) => {
  let text = message;
  const branch = /\b(?:zero|one|two|few|many|other|=\d+)\s*\{[^{}]*\}/g;
  while (branch.test(text)) text = text.replace(branch, "");
  return [...text.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]).sort();
};

describe("no stray English in translated components", () => {
  it.each(TRANSLATED_FILES)("%s reads every word from messages", (file) => {
    expect(strayText(readFileSync(path.join(root, file), "utf8"), file)).toEqual([]);
  });

  it("finds the hard-coded English it is there to find", () => {
    const source = `export const A = () => (
      <div title={t("ok")}>
        <PageTitle description="Pay a bill">Find your statement</PageTitle>
        <TextField label={"Statement number"} hint={hint} />
        <p>{"Back"} {\`Pay \${n}\`} {n} · → </p>
      </div>
    );`;
    expect(strayText(source)).toEqual([
      'description="Pay a bill"',
      "Find your statement",
      'label="Statement number"',
      "Back",
      "Pay ",
    ]);
  });
});

/** Every .tsx file under a folder (or the file itself), relative to the repository. */
const tsxFilesOf = (entry: string): string[] =>
  statSync(path.join(root, entry)).isDirectory()
    ? readdirSync(path.join(root, entry)).flatMap((name) => tsxFilesOf(path.join(entry, name)))
    : entry.endsWith(".tsx")
      ? [entry]
      : [];

const STAFF_FILES = STAFF_ROOTS.flatMap(tsxFilesOf).sort();

describe("no stray English in the staff console (English only, from messages/staff/en/)", () => {
  const notYet = new Set(STAFF_FILES_NOT_YET);
  it.each(STAFF_FILES.filter((f) => !notYet.has(f)))("%s reads every word from messages", (file) => {
    expect(strayText(readFileSync(path.join(root, file), "utf8"), file)).toEqual([]);
  });

  it("finds the staff files, and lists as not yet translated only staff files that still have English", () => {
    expect(STAFF_FILES).toContain("app/(staff)/layout.tsx");
    for (const file of STAFF_FILES_NOT_YET) {
      expect(STAFF_FILES, file).toContain(file);
      expect(strayText(readFileSync(path.join(root, file), "utf8"), file), file).not.toEqual([]);
    }
  });
});

describe("messages", () => {
  it("messages/staff/en/: every file is in the index, each namespace in one file and in no patient file", () => {
    const dir = path.join(root, "messages", "staff", "en");
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    const namespaces = files.flatMap((f) => Object.keys(JSON.parse(readFileSync(path.join(dir, f), "utf8"))));
    expect(new Set(namespaces).size, "a namespace is in two files").toBe(namespaces.length);
    expect(Object.keys(staff).sort()).toEqual(namespaces.sort());
    for (const namespace of namespaces) {
      expect(namespace.startsWith("Staff"), namespace).toBe(true);
      expect(Object.keys(en), namespace).not.toContain(namespace);
    }
  });

  it("every staff message is written, as a message next-intl can read", () => {
    const broken: string[] = [];
    const t = createTranslator({
      locale: "en",
      messages: staff,
      // A placeholder left without its value here is expected; a message that does not parse is not.
      onError: (error) => {
        if (error.code !== IntlErrorCode.FORMATTING_ERROR) broken.push(`${error.code}: ${error.message}`);
      },
    });
    for (const key of keysOf(staff)) {
      const message = leaf(staff, key);
      expect(typeof message === "string" && message.trim().length > 0, key).toBe(true);
      (t as (key: string) => string)(key);
    }
    expect(broken).toEqual([]);
  });

  it.each(["en", "es"])(
    "messages/%s/: every file is in the index, and each namespace in one file",
    (locale) => {
      const dir = path.join(root, "messages", locale);
      const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
      const namespaces = files.flatMap((f) =>
        Object.keys(JSON.parse(readFileSync(path.join(dir, f), "utf8"))),
      );
      expect(new Set(namespaces).size, "a namespace is in two files").toBe(namespaces.length);
      expect(Object.keys(locale === "en" ? en : es).sort()).toEqual(namespaces.sort());
    },
  );

  it("English and Spanish have the same keys", () => {
    expect(keysOf(es).sort()).toEqual(keysOf(en).sort());
  });

  it("every Spanish message is written, with the English one's placeholders", () => {
    for (const key of keysOf(en)) {
      const spanish = leaf(es, key);
      expect(typeof spanish === "string" && spanish.trim().length > 0, key).toBe(true);
      expect(placeholders(spanish as string), key).toEqual(placeholders(leaf(en, key) as string));
    }
  });
});

describe("the English messages are the server's words", () => {
  it("the lookup's errors say in English exactly what the action answers", async () => {
    const { PROOF_FIELD_MESSAGES } = await import("@/lib/guest/schemas");
    const { LOOKUP_NO_MATCH_MESSAGE } = await import("@/lib/guest/lookup-errors");
    expect(en.GuestLookup.errors.noMatch).toBe(LOOKUP_NO_MATCH_MESSAGE);
    for (const [field, message] of Object.entries(PROOF_FIELD_MESSAGES)) {
      expect(en.GuestLookup.errors[field as keyof typeof PROOF_FIELD_MESSAGES]).toBe(message);
    }
  });

  it("the pay action's, the sign-in pages' and the links' words are the ServerErrors messages, placeholder for value", async () => {
    const { PAY_MESSAGES } = await import("@/lib/payments/pay-messages");
    const { AUTH_MESSAGES, STEP_UP_MESSAGE } = await import("@/lib/auth/auth-messages");
    const { PASSWORD_RULES } = await import("@/lib/auth/password-rules");
    const { SIGN_UP_RATE_LIMITED } = await import("@/lib/auth/account-lifecycle");
    const { TOO_MANY_DECLINES } = await import("@/lib/rate-limit/card-velocity");
    const { TEXT_LINK_MESSAGES } = await import("@/lib/text-to-pay/text-link-messages");
    const { MFA_MESSAGES } = await import("@/lib/auth/mfa/mfa-messages");
    const { EMAIL_CHANGE_MESSAGES, PROFILE_VALUE_MESSAGES } = await import("@/lib/profile/messages");
    const { INVITATION_MESSAGES } = await import("@/lib/access/messages");
    const { LOOKUP_LOCKED_MESSAGES } = await import("@/lib/guest/lookup-errors");
    const { METHOD_IN_USE_MESSAGES, HOLDER_NAME_TOO_LONG } = await import("@/lib/saved-methods/messages");
    const { PASSKEY_MESSAGES } = await import("@/lib/auth/mfa/passkey-messages");
    const errors = await import("@/lib/errors");
    const words = en.ServerErrors;
    const said = {
      ...PAY_MESSAGES,
      amountOverBalance: PAY_MESSAGES.amountOverBalance("{number}", "{balance}"),
      justPaid: PAY_MESSAGES.justPaid("{number}"),
      walletNotCompleted: PAY_MESSAGES.walletNotCompleted("{wallet}"),
      ...AUTH_MESSAGES,
      ...TEXT_LINK_MESSAGES,
      ...MFA_MESSAGES,
      emailChangeLinkInvalid: EMAIL_CHANGE_MESSAGES.emailChangeLinkInvalid,
      emailChangeTaken: EMAIL_CHANGE_MESSAGES.emailChangeTaken("{email}"),
      invitationLinkIncomplete: INVITATION_MESSAGES.invitationLinkIncomplete,
      invitationLinkInvalid: INVITATION_MESSAGES.invitationLinkInvalid,
      invitationForAnother: INVITATION_MESSAGES.invitationForAnother("{email}"),
      invitationAlreadyHave: INVITATION_MESSAGES.invitationAlreadyHave,
      passwordRules: PASSWORD_RULES,
      signUpRateLimited: SIGN_UP_RATE_LIMITED,
      tooManyDeclines: TOO_MANY_DECLINES,
      correctFields: errors.CORRECT_FIELDS_MESSAGE,
      notAllowedCharacter: errors.NOT_ALLOWED_CHARACTER_MESSAGE,
      unknown: errors.unknownErrorMessage("{reference}"),
      notFound: errors.NOT_FOUND_MESSAGE,
      signInAgain: errors.SIGN_IN_AGAIN_MESSAGE,
      lookupLockedSoon: LOOKUP_LOCKED_MESSAGES.lookupLockedSoon,
      lookupLocked: LOOKUP_LOCKED_MESSAGES.lookupLocked("{time}"),
      methodInUse: METHOD_IN_USE_MESSAGES.methodInUse("{places}"),
      methodPaysPlan: METHOD_IN_USE_MESSAGES.methodPaysPlan("{number}"),
      methodPaysAutopay: METHOD_IN_USE_MESSAGES.methodPaysAutopay("{number}"),
      holderNameTooLong: HOLDER_NAME_TOO_LONG,
      unlinkHasPlan: PROFILE_VALUE_MESSAGES.unlinkHasPlan("{number}"),
      unlinkHasAutopay: PROFILE_VALUE_MESSAGES.unlinkHasAutopay("{number}"),
      unlinkHasPlanAndAutopay: PROFILE_VALUE_MESSAGES.unlinkHasPlanAndAutopay("{number}"),
      ...PASSKEY_MESSAGES,
      passkeyNameTooLong: PASSKEY_MESSAGES.passkeyNameTooLong("{max}" as unknown as number),
      stepUp: STEP_UP_MESSAGE,
    };
    expect(Object.keys(words).sort()).toEqual(Object.keys(said).sort());
    for (const [key, message] of Object.entries(said)) {
      expect(words[key as keyof typeof words], key).toBe(message);
    }
  });

  it("a known English message from an action is found again with its values, and a decline by its reason", async () => {
    const { findServerWords, translateFailure } = await import("@/lib/i18n/server-words");
    const { PAY_MESSAGES } = await import("@/lib/payments/pay-messages");
    const { declineMessage } = await import("@/lib/gateway/decline-messages");
    expect(findServerWords(PAY_MESSAGES.amountOverBalance("ST-1001", "$125.40"))).toEqual({
      key: "amountOverBalance",
      values: { number: "ST-1001", balance: "$125.40" },
    });
    expect(findServerWords("Words no action says.")).toBeNull();
    const say = (key: string, values: Record<string, string>) => `${key}:${JSON.stringify(values)}`;
    expect(
      translateFailure(
        { code: "CARD_DECLINED" as const, message: declineMessage("insufficient_funds") },
        { locale: "es", say },
      ).message,
    ).toBe(declineMessage("insufficient_funds", "es"));
    expect(
      translateFailure(
        {
          code: "VALIDATION" as const,
          message: PAY_MESSAGES.oneAccount,
          fieldErrors: { email: [PAY_MESSAGES.validEmail, "Unknown words."] },
        },
        { locale: "es", say },
      ),
    ).toEqual({
      code: "VALIDATION",
      message: "oneAccount:{}",
      fieldErrors: { email: ["validEmail:{}", "Unknown words."] },
    });
  });

  it("the profile's and sharing's errors say in English exactly what the schemas and use cases answer", async () => {
    const { PROFILE_ERRORS } = await import("@/lib/profile/messages");
    const { ACCESS_ERRORS } = await import("@/lib/access/messages");
    for (const [key, message] of Object.entries(PROFILE_ERRORS)) {
      expect(en.ProfileErrors[key as keyof typeof PROFILE_ERRORS], key).toBe(message);
    }
    for (const [key, message] of Object.entries(ACCESS_ERRORS)) {
      expect(en.SharingErrors[key as keyof typeof ACCESS_ERRORS], key).toBe(message);
    }
  });

  it("the profile schemas' errors are among those words (so a form can say them in Spanish)", async () => {
    const { PROFILE_ERRORS } = await import("@/lib/profile/messages");
    const { ZChangePasswordInput, ZContactDetailsInput, ZPreferencesInput } =
      await import("@/lib/profile/schemas");
    const known = new Set<string>(Object.values(PROFILE_ERRORS));
    const said = [
      ZContactDetailsInput.safeParse({ firstName: "", lastName: "x".repeat(81), phone: "12", zip: "1" }),
      ZContactDetailsInput.safeParse({ firstName: "A", lastName: "B", city: "Philadelphia" }),
      ZPreferencesInput.safeParse({ smsOptIn: "on" }),
      ZChangePasswordInput.safeParse({ currentPassword: "", newPassword: "short", confirmPassword: "x" }),
    ].flatMap((r) => r.error?.issues.map((i) => i.message) ?? []);
    expect(said.length).toBeGreaterThan(8);
    expect(said.filter((m) => !known.has(m))).toEqual([]);
  });

  it("the two-step, invitation and email-change errors are found in their words, with the address in them, and said in Spanish", async () => {
    const { findServerWords } = await import("@/lib/i18n/server-words");
    const { ZDisableInput, ZEnrolInput } = await import("@/lib/auth/mfa/schemas");
    const { ZAcceptInvitationInput } = await import("@/lib/access/schemas");
    const { EMAIL_CHANGE_MESSAGES, INVITATION_MESSAGES } = {
      ...(await import("@/lib/profile/messages")),
      ...(await import("@/lib/access/messages")),
    };
    const said = [
      ZDisableInput.safeParse({ code: " " }),
      ZEnrolInput.safeParse({ code: "12345" }),
      ZDisableInput.safeParse({ code: "x".repeat(33) }),
      ZAcceptInvitationInput.safeParse({ token: "short" }),
    ].flatMap((r) => r.error?.issues.map((i) => i.message) ?? []);
    expect(said.map((m) => findServerWords(m)?.key)).toEqual([
      "mfaEnterCode",
      "mfaSixDigits",
      "mfaNotACode",
      "invitationLinkIncomplete",
    ]);
    const spanish = createTranslator({ locale: "es", messages: es, namespace: "ServerErrors" });
    const forAnother = findServerWords(INVITATION_MESSAGES.invitationForAnother("j•••@example.com"))!;
    expect(forAnother).toEqual({ key: "invitationForAnother", values: { email: "j•••@example.com" } });
    expect(spanish(forAnother.key, forAnother.values)).toBe(
      "Esta invitación se envió a j•••@example.com. Inicie sesión con esa dirección para aceptarla.",
    );
    const taken = findServerWords(EMAIL_CHANGE_MESSAGES.emailChangeTaken("ana@example.com"))!;
    expect(spanish(taken.key, taken.values)).toBe(
      "ana@example.com ahora pertenece a otra cuenta de acceso, así que el correo electrónico de su cuenta de acceso no cambió.",
    );
  });

  it("the consent to texts is written in each language, naming the practice and the keywords", async () => {
    const { SMS_CONSENT } = await import("@/lib/sms/consent-text");
    const spanish = SMS_CONSENT.textFor("Clínica Norte", "es");
    expect(spanish).toMatch(/^Acepto recibir mensajes de texto .* de Clínica Norte en este número\./);
    expect(spanish).toContain("STOP");
    expect(spanish).toContain("HELP");
    expect(SMS_CONSENT.textFor("Clínica Norte")).toBe(SMS_CONSENT.textFor("Clínica Norte", "en"));
    expect(SMS_CONSENT.textFor("Clínica Norte")).toMatch(/^I agree to receive text messages/);
  });
});
