import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINUTE_MS } from "./clock";
import {
  pay,
  PARENT_ORIGIN,
  PUBLISHABLE_KEY,
  requestToken,
  startTestGateway,
  type TTestGateway,
} from "./test/harness";

let gw: TTestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw?.close());

const page = (params: Record<string, string>) =>
  fetch(`${gw.url}/hosted-fields?${new URLSearchParams(params)}`);

const csp = (res: Response) =>
  Object.fromEntries(
    (res.headers.get("content-security-policy") ?? "")
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values.join(" ")]),
  );

describe("GET /hosted-fields", () => {
  it("serves the card form to an allowed origin, framable by that origin only", async () => {
    const res = await page({ key: PUBLISHABLE_KEY, origin: PARENT_ORIGIN, kind: "card" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(csp(res)).toMatchObject({
      "default-src": "'none'",
      "script-src": "'self'",
      "style-src": "'self'",
      "connect-src": "'self'",
      "form-action": "'none'",
      "base-uri": "'none'",
      "frame-ancestors": PARENT_ORIGIN,
    });
    const html = await res.text();
    for (const [id, label] of [
      ["number", "Card number"],
      ["expiry", "Expiration date"],
      ["cvv", "Security code (CVV)"],
      ["zip", "Billing ZIP code"],
    ]) {
      expect(html).toContain(`<label for="${id}">${label}</label>`);
      expect(html).toMatch(new RegExp(`<input id="${id}"[^>]*aria-describedby="[^"]*${id}-error"`));
      expect(html).toContain(`<p class="error" id="${id}-error" aria-live="polite"></p>`);
    }
    expect(html).toContain('autocomplete="cc-number"');
    expect(html).toContain(`data-origin="${PARENT_ORIGIN}"`);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script
    expect(html).not.toMatch(/\sstyle=/); // no inline style
  });

  it("serves the bank-account form with kind=ach", async () => {
    const res = await page({ key: PUBLISHABLE_KEY, origin: PARENT_ORIGIN, kind: "ach" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<label for="routing_number">Routing number</label>');
    expect(html).toContain('<label for="account_number">Account number</label>');
    expect(html).toContain("<legend>Account type</legend>");
    expect(html).not.toContain('id="number"');
  });

  it("speaks the embedding page's language: lang=es in Spanish, anything else in English", async () => {
    const spanish = await (
      await page({ key: PUBLISHABLE_KEY, origin: PARENT_ORIGIN, kind: "card", lang: "es" })
    ).text();
    expect(spanish).toContain('<html lang="es">');
    expect(spanish).toContain("<title>Datos de la tarjeta</title>");
    expect(spanish).toContain('<label for="number">Número de tarjeta</label>');
    expect(spanish).toContain('<label for="expiry">Fecha de vencimiento</label>');
    expect(spanish).toContain('<p class="hint" id="expiry-hint">MM/AA</p>');
    expect(spanish).toContain('data-lang="es"');
    const bank = await (
      await page({ key: PUBLISHABLE_KEY, origin: PARENT_ORIGIN, kind: "ach", lang: "es-MX" })
    ).text();
    expect(bank).toContain('<label for="routing_number">Número de ruta</label>');
    expect(bank).toContain("<legend>Tipo de cuenta</legend>");
    for (const lang of ["fr", "", "<es>"]) {
      const english = await (
        await page({ key: PUBLISHABLE_KEY, origin: PARENT_ORIGIN, kind: "card", lang })
      ).text();
      expect(english).toContain('<html lang="en">');
      expect(english).toContain('<label for="number">Card number</label>');
    }
  });

  it("has Spanish for every message of the card and bank rules, with the same placeholders", async () => {
    const { readFile } = await import("node:fs/promises");
    const { TRANSLATIONS } = await import("./hosted/strings.js");
    const rules = await readFile(new URL("./hosted/rules.js", import.meta.url), "utf8");
    const messages = [...rules.matchAll(/fields\.\w+ =\s*(?:[^"]*\?\s*)?"([^"]+)"/g)].map((m) => m[1]!);
    expect(messages.length).toBeGreaterThan(10);
    for (const message of messages) expect(TRANSLATIONS.es[message], message).toBeTruthy();
    for (const [english, spanish] of Object.entries(TRANSLATIONS.es)) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(spanish), english).toEqual(names(english));
    }
  });

  it("accepts the origin written with a trailing slash", async () => {
    const res = await page({ key: PUBLISHABLE_KEY, origin: `${PARENT_ORIGIN}/`, kind: "card" });
    expect(res.status).toBe(200);
    expect(csp(res)["frame-ancestors"]).toBe(PARENT_ORIGIN);
  });

  it.each([
    ["another origin", { key: PUBLISHABLE_KEY, origin: "https://evil.example", kind: "card" }, 403],
    [
      "a look-alike origin",
      { key: PUBLISHABLE_KEY, origin: `${PARENT_ORIGIN}.evil.example`, kind: "card" },
      403,
    ],
    ["another port", { key: PUBLISHABLE_KEY, origin: "http://localhost:5174", kind: "card" }, 403],
    ["no origin", { key: PUBLISHABLE_KEY, kind: "card" }, 403],
    ["a wrong key", { key: "pk_wrong", origin: PARENT_ORIGIN, kind: "card" }, 403],
    ["the secret key", { key: "sk_test_contract", origin: PARENT_ORIGIN, kind: "card" }, 403],
    ["an unknown kind", { key: PUBLISHABLE_KEY, origin: PARENT_ORIGIN, kind: "crypto" }, 400],
  ])("refuses %s with a page that loads nothing and cannot be framed", async (_name, params, status) => {
    const res = await page(params as Record<string, string>);
    expect(res.status).toBe(status);
    expect(csp(res)).toMatchObject({ "default-src": "'none'", "frame-ancestors": "'none'" });
    const html = await res.text();
    expect(html).toContain("Payment form unavailable");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<input");
  });

  it("serves its script, the shared rules, the parent channel and its style", async () => {
    for (const [path, type] of [
      ["/hosted/hosted-fields.js", "text/javascript"],
      ["/hosted/rules.js", "text/javascript"],
      ["/hosted/parent-frame.js", "text/javascript"],
      ["/hosted/hosted-fields.css", "text/css"],
    ]) {
      const res = await fetch(`${gw.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type")).toContain(type);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });
});

describe("POST /hosted/tokens (checks everything again on the server)", () => {
  it("issues a token for a valid card, keeping brand, last 4 and expiry only", async () => {
    const res = await requestToken(gw, {
      kind: "card",
      number: "4111 1111 1111 1111",
      expiry: "04/29",
      cvv: "123",
      zip: "19103",
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      token: expect.stringMatching(/^tok_[0-9a-f]{24}$/),
      kind: "card",
      brand: "visa",
      last4: "1111",
      exp_month: 4,
      exp_year: 2029,
      bank_account_type: null,
      expires_at: new Date(gw.clock.now().getTime() + 15 * MINUTE_MS).toISOString(),
    });
  });

  it("issues a token for a valid bank account", async () => {
    const res = await requestToken(gw, {
      kind: "ach",
      routing_number: "011000015",
      account_number: "000123456789",
      account_type: "checking",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: "ach",
      brand: null,
      last4: "6789",
      exp_month: null,
      bank_account_type: "checking",
    });
  });

  it.each([
    ["a number failing the Luhn check", { number: "4111 1111 1111 1112" }, "number"],
    ["a number of no accepted brand", { number: "9999 9999 9999 9995" }, "number"],
    ["a Visa number of a wrong length (15 digits, Luhn-valid)", { number: "4111 1111 1111 116" }, "number"],
    ["letters in the number", { number: "4111 1111 1111 111O" }, "number"],
    ["an expiry in the past (May 2026, now June 2026)", { expiry: "05/26" }, "expiry"],
    ["month 13", { expiry: "13/30" }, "expiry"],
    ["an expiry without a slash", { expiry: "1230" }, "expiry"],
    ["a 2-digit CVV", { cvv: "12" }, "cvv"],
    ["a 3-digit CVV on an Amex", { number: "3782 822463 10005", cvv: "123" }, "cvv"],
    ["a 4-digit CVV on a Visa", { cvv: "1234" }, "cvv"],
    ["a 4-digit ZIP", { zip: "1910" }, "zip"],
  ])("refuses %s", async (_name, change, field) => {
    const res = await requestToken(gw, {
      kind: "card",
      number: "4111 1111 1111 1111",
      expiry: "12/30",
      cvv: "123",
      zip: "19103",
      ...change,
    });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe("invalid_request");
    expect(Object.keys(res.body.error?.fields ?? {})).toEqual([field]);
    // An error never echoes what was typed.
    expect(res.text).not.toContain("4111");
  });

  it("accepts the current month as not expired", async () => {
    const res = await requestToken(gw, {
      kind: "card",
      number: "4111111111111111",
      expiry: "06/26",
      cvv: "123",
      zip: "19103",
    });
    expect(res.status).toBe(201);
  });

  it.each([
    ["a routing number failing the ABA checksum", { routing_number: "011000016" }, "routing_number"],
    ["an 8-digit routing number", { routing_number: "01100001" }, "routing_number"],
    ["a 3-digit account number", { account_number: "123" }, "account_number"],
    ["an 18-digit account number", { account_number: "123456789012345678" }, "account_number"],
    ["another account type", { account_type: "brokerage" }, "account_type"],
  ])("refuses %s", async (_name, change, field) => {
    const res = await requestToken(gw, {
      kind: "ach",
      routing_number: "011000015",
      account_number: "123456789",
      account_type: "checking",
      ...change,
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error?.fields ?? {})).toEqual([field]);
  });

  const valid = { kind: "card", number: "4111 1111 1111 1111", expiry: "12/30", cvv: "123", zip: "19103" };

  it("refuses a request from another origin (a page that is not the hosted fields)", async () => {
    const crossOrigin = await requestToken(gw, valid, {
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(crossOrigin.status).toBe(403);
    const sameSite = await requestToken(gw, valid, { headers: { "sec-fetch-site": "same-site" } });
    expect(sameSite.status).toBe(403);
    const res = await fetch(`${gw.url}/hosted/tokens`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ key: PUBLISHABLE_KEY, origin: PARENT_ORIGIN, ...valid }),
    });
    expect(res.status).toBe(415);
  });

  it("refuses a wrong publishable key or a parent origin that is not allowed", async () => {
    expect((await requestToken(gw, valid, { key: "pk_wrong" })).status).toBe(401);
    expect((await requestToken(gw, valid, { origin: "https://evil.example" })).status).toBe(403);
  });

  it("a token from the hosted fields pays once", async () => {
    const res = await requestToken(gw, valid);
    expect((await pay(gw, res.body.token)).status).toBe(201);
    expect((await pay(gw, res.body.token)).status).toBe(410);
  });
});
