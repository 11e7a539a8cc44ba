import { describe, expect, it } from "vitest";
import { REDACTED, redactText, redactValue } from "@/lib/log/redact.mjs";

describe("redactText", () => {
  it.each([
    ["4111 1111 1111 1111"],
    ["4111-1111-1111-1111"],
    ["4111111111111111"],
    ["3782 822463 10005"], // Amex, 15 digits
    ["4000000000000002"],
    ["6011 0009 9013 9424 123"], // 19 digits
    ["4222222222222"], // 13 digits
  ])("hides the card-like number %s", (card) => {
    const out = redactText(`card ${card} was refused`);
    expect(out).toBe("card [card] was refused");
    expect(out).not.toMatch(/\d{4}/);
  });

  it("leaves shorter numbers, amounts, dates and ids alone", () => {
    const text =
      "statement ST-1001 of 2026-12-06T15:06:01.123Z: $125.40, 12 digits 123456789012, id cmf3k2x0a0000abcd1234efgh, uuid 123e4567-e89b-12d3-a456-426614174000";
    expect(redactText(text)).toBe(text);
  });

  it("hides email addresses", () => {
    expect(redactText("reset asked for pat@example.com and First.Last+x@mail.example.co.uk")).toBe(
      "reset asked for [email] and [email]",
    );
  });

  it("hides bearer tokens, API keys, gateway secrets and JWTs in messages", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXZhbHVl";
    const out = redactText(
      `Authorization: Bearer abc.DEF-123_xyz key ppk_live_${"a".repeat(43)} sk_local_Zm9vYmFy whsec_e2e_c2VjcmV0 jwt ${jwt}`,
    );
    expect(out).toBe(
      `Authorization: Bearer ${REDACTED} key ${REDACTED} ${REDACTED} ${REDACTED} jwt ${REDACTED}`,
    );
  });

  it("hides the value of password=, token: and secret= in a message, keeping the name", () => {
    expect(redactText('login password=hunter2, token: "abc123" secret=s3cr3t&next=1 apiKey=xyz')).toBe(
      `login password=${REDACTED}, token: "${REDACTED}" secret=${REDACTED}&next=1 apiKey=${REDACTED}`,
    );
  });
});

describe("redactValue", () => {
  it("replaces secret fields whatever their value, and redacts every other string", () => {
    expect(
      redactValue({
        password: "Demo-Patient-1",
        newPassword: "x",
        headers: { authorization: "Basic Zm9vOmJhcg==", cookie: "next-auth.session-token=abc" },
        gatewayApiKey: "sk_live_abc",
        webhookSecret: "whsec_x",
        cardNumber: "4111",
        note: "paid with 4111 1111 1111 1111 by pat@example.com",
        amountCents: 12540, // $125.40
        list: ["5555-5555-5555-4444"],
        empty: null,
      }),
    ).toEqual({
      password: REDACTED,
      newPassword: REDACTED,
      headers: { authorization: REDACTED, cookie: REDACTED },
      gatewayApiKey: REDACTED,
      webhookSecret: REDACTED,
      cardNumber: REDACTED,
      note: "paid with [card] by [email]",
      amountCents: 12540, // $125.40
      list: ["[card]"],
      empty: null,
    });
  });

  it("flattens an error, redacting its message, stack and cause, keeping its code", () => {
    const cause = new Error("SMTP refused mail for pat@example.com");
    const error = Object.assign(new TypeError("charge of 4111111111111111 failed", { cause }), {
      code: "P2002",
      token: "tok_abc",
    });
    const out = redactValue(error) as Record<string, unknown>;
    expect(out.type).toBe("TypeError");
    expect(out.message).toBe("charge of [card] failed");
    expect(out.stack).toContain("charge of [card] failed");
    expect(out.code).toBe("P2002");
    expect(out.token).toBe(REDACTED);
    expect((out.cause as Record<string, unknown>).message).toBe("SMTP refused mail for [email]");
    expect(JSON.stringify(out)).not.toMatch(/4111|pat@example/);
  });

  it("survives cycles", () => {
    const a: Record<string, unknown> = { name: "a" };
    a.self = a;
    expect(redactValue(a)).toEqual({ name: "a", self: "[…]" });
  });
});
