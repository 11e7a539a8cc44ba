// Apple Pay and Google Pay: sandbox wallet tokens minted by the simulator's endpoint, paid with
// over /v1/payments; forgeries refused; what may be saved; Apple Pay merchant sessions; the
// simulator page's key, origin and CSP checks.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINUTE_MS } from "./clock";
import type { TPaymentJson, TStoredMethodJson } from "./store";
import {
  mintWallet,
  PARENT_ORIGIN,
  paymentBody,
  payStored,
  PUBLISHABLE_KEY,
  requestWalletToken,
  startTestGateway,
  type TTestGateway,
} from "./test/harness";

let gw: TTestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw?.close());

const payWith = (source: unknown, extra: Record<string, unknown> = {}, idempotencyKey?: string) =>
  gw.api.post<TPaymentJson>(
    "/v1/payments",
    { ...paymentBody("", 12540, extra), source }, // $125.40
    { idempotencyKey },
  );

const csp = (res: Response) =>
  Object.fromEntries(
    (res.headers.get("content-security-policy") ?? "")
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values.join(" ")]),
  );

describe("the simulator's token endpoint", () => {
  it("answers what Google Pay gives the page: PaymentData with a PAYMENT_GATEWAY token and the card info", async () => {
    const res = await requestWalletToken(gw, { kind: "google_pay", card: "mastercard" });
    expect(res.status).toBe(201);
    expect(res.body.payload).toMatchObject({
      apiVersion: 2,
      apiVersionMinor: 0,
      paymentMethodData: {
        type: "CARD",
        description: "Mastercard •••• 4444",
        info: { cardNetwork: "MASTERCARD", cardDetails: "4444" },
        tokenizationData: { type: "PAYMENT_GATEWAY", token: expect.any(String) },
      },
    });
    const token = JSON.parse(res.body.payload.paymentMethodData.tokenizationData.token);
    expect(token).toMatchObject({ protocolVersion: "ECv2", signature: expect.any(String) });
    expect(typeof token.signedMessage).toBe("string");
    expect(res.body.expires_at).toBe(new Date(gw.clock.now().getTime() + 15 * MINUTE_MS).toISOString());
    expect(res.text).not.toContain("5555555555554444");
  });

  it("answers what Apple Pay gives the page: an ApplePayPayment token (EC_v1 paymentData, paymentMethod, transactionIdentifier)", async () => {
    const res = await requestWalletToken(gw, { kind: "apple_pay", card: "visa" });
    expect(res.status).toBe(201);
    expect(res.body.payload).toEqual({
      token: {
        paymentData: {
          version: "EC_v1",
          data: expect.any(String),
          signature: expect.any(String),
          header: {
            ephemeralPublicKey: expect.any(String),
            publicKeyHash: expect.any(String),
            transactionId: expect.stringMatching(/^[0-9a-f]{64}$/),
          },
        },
        paymentMethod: { displayName: "Visa 1111", network: "Visa", type: "credit" },
        transactionIdentifier: expect.stringMatching(/^[0-9A-F]{64}$/),
      },
    });
  });

  it.each([
    ["another site's request", { "sec-fetch-site": "cross-site" }, {}, 403],
    ["a wrong publishable key", {}, { key: "pk_wrong_key" }, 401],
    ["a parent origin that is not allowed", {}, { origin: "https://evil.example" }, 403],
  ])("refuses %s", async (_name, headers, opts, status) => {
    const res = await requestWalletToken(gw, { kind: "apple_pay", card: "visa" }, { headers, ...opts });
    expect(res.status).toBe(status);
  });

  it("refuses an unknown card id or kind, and a card number instead of an id", async () => {
    for (const fields of [
      { kind: "apple_pay", card: "4111111111111111" },
      { kind: "samsung_pay", card: "visa" },
    ]) {
      expect((await requestWalletToken(gw, fields)).status).toBe(400);
    }
  });
});

describe("paying with a wallet", () => {
  it.each([
    ["google_pay", "visa", "visa", "1111"],
    ["google_pay", "mastercard", "mastercard", "4444"],
    ["apple_pay", "visa", "visa", "1111"],
    ["apple_pay", "amex", "amex", "0005"],
  ] as const)(
    "%s with %s is approved; the method is the wallet, its network and last 4",
    async (kind, card, brand, last4) => {
      const { source } = await mintWallet(gw, kind, card);
      const res = await payWith(source);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: "approved",
        authorization_code: expect.stringMatching(/^[A-Z0-9]{6}$/),
        method: { kind, brand, last4, exp_month: 12, exp_year: 2030, bank_account_type: null },
        stored_method: null,
      });
      expect((await gw.api.get<TPaymentJson>(`/v1/payments/${res.body.id}`)).body.method.kind).toBe(kind);
    },
  );

  it.each([
    ["google_pay", "insufficient_funds", "insufficient_funds"],
    ["apple_pay", "insufficient_funds", "insufficient_funds"],
    ["apple_pay", "declined", "generic"],
    ["google_pay", "expired_card", "expired_card"],
  ] as const)("%s with the %s card is declined %s, as the card number would be", async (kind, card, code) => {
    const { source } = await mintWallet(gw, kind, card);
    const res = await payWith(source);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: "declined",
      decline_code: code,
      method: { kind, brand: "visa" },
    });
  });

  it("a processor error charges nothing and leaves the wallet token usable (with a new key)", async () => {
    const { source } = await mintWallet(gw, "apple_pay", "processor_error");
    const first = await payWith(source);
    expect(first.status).toBe(502);
    expect(first.body.error?.code).toBe("processor_error");
    expect((await payWith(source)).status).toBe(502);
  });

  it("a wallet payment voids, settles and refunds like any other", async () => {
    const { source } = await mintWallet(gw, "google_pay", "discover");
    const paid = await payWith(source);
    expect(paid.body.method).toMatchObject({ kind: "google_pay", brand: "discover", last4: "1117" });
    expect((await gw.api.post(`/v1/settlements`, {})).status).toBe(200);
    const refund = await gw.api.post(`/v1/payments/${paid.body.id}/refunds`, { amount_cents: 500 }); // $5.00
    expect(refund.status).toBe(201);
  });

  it("a replay with the same Idempotency-Key answers the same payment; the token is spent once", async () => {
    const { source } = await mintWallet(gw, "apple_pay", "mastercard");
    const first = await payWith(source, {}, "wallet-replay-1");
    const again = await payWith(source, {}, "wallet-replay-1");
    expect(again.text).toBe(first.text);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
  });
});

describe("wallet tokens the sandbox did not issue, or no longer honours", () => {
  it("refuses a reused token with 410 token_used", async () => {
    for (const kind of ["apple_pay", "google_pay"] as const) {
      const { source } = await mintWallet(gw, kind);
      expect((await payWith(source)).status).toBe(201);
      const again = await payWith(source);
      expect(again.status).toBe(410);
      expect(again.body.error?.code).toBe("token_used");
    }
  });

  it("refuses an expired token (15 minutes) with 410 token_expired", async () => {
    const { source } = await mintWallet(gw, "google_pay");
    gw.clock.advance(15 * MINUTE_MS);
    const res = await payWith(source);
    gw.clock.advance(-15 * MINUTE_MS);
    expect(res.status).toBe(410);
    expect(res.body.error?.code).toBe("token_expired");
  });

  it("refuses a forged Google Pay token, an altered one, a real one and a mismatched info with 400 wallet_token_invalid", async () => {
    const { source } = await mintWallet(gw, "google_pay", "insufficient_funds");
    const token = JSON.parse(source.google_pay.token) as Record<string, string>;
    const message = JSON.parse(token.signedMessage ?? "{}") as Record<string, string>;
    const decoded = JSON.parse(Buffer.from(message.encryptedMessage ?? "", "base64").toString("utf8"));
    // Another token's id in the message, signed with a guessed key.
    const forgedMessage = JSON.stringify({
      ...message,
      encryptedMessage: Buffer.from(JSON.stringify(decoded)).toString("base64"),
    });
    const forged = {
      ...token,
      signedMessage: forgedMessage,
      signature: createHmac("sha256", "guess").update(`google_pay\n${forgedMessage}`).digest("base64"),
    };
    const altered = { ...token, signedMessage: token.signedMessage?.replace("sandbox", "sandboy") };
    const real = {
      protocolVersion: "ECv2",
      signature:
        "MEQCIH6Q4OwQ0jAceFEkGF0JID6sJNXxOEi4r+mA7biRxqBQAiAondqoUpU/bdsrAOpZIsrHQS9nwiiNwOrr24RyPeHA0Q==",
      intermediateSigningKey: { signedKey: "{}", signatures: ["x"] },
      signedMessage:
        '{"encryptedMessage":"PHxZxBQvVWwP","ephemeralPublicKey":"BPhVspn70Zj2Kkgu9t8+ApEuUWsI","tag":"TNwa3Q2WiyGi/eDA4XYVklq08KZiSxB7xvRiKK3H7kE="}',
    };
    for (const [name, value] of [
      ["forged", { ...source.google_pay, token: JSON.stringify(forged) }],
      ["altered", { ...source.google_pay, token: JSON.stringify(altered) }],
      ["real", { ...source.google_pay, token: JSON.stringify(real) }],
      ["not JSON", { ...source.google_pay, token: "tok_looks_like_a_card_token" }],
      ["other last 4", { ...source.google_pay, info: { cardNetwork: "VISA", cardDetails: "1111" } }],
      ["other network", { ...source.google_pay, info: { cardNetwork: "MASTERCARD", cardDetails: "9995" } }],
    ] as const) {
      const res = await payWith({ google_pay: value });
      expect(res.status, name).toBe(400);
      expect(res.body.error?.code, name).toBe("wallet_token_invalid");
    }
    // The genuine one still pays (and is declined, as 9995 is).
    expect((await payWith(source)).body.decline_code).toBe("insufficient_funds");
  });

  it("refuses a forged or altered Apple Pay payment, and a Google Pay signature on an Apple Pay envelope", async () => {
    const { source } = await mintWallet(gw, "apple_pay");
    const { paymentData } = source.apple_pay.token as { paymentData: Record<string, string> };
    const google = await mintWallet(gw, "google_pay");
    const googleToken = JSON.parse(google.source.google_pay.token) as { signature: string };
    // Each alteration differs from the original whatever the random token was (a fixed
    // replacement once matched a signature that happened to start with it).
    const alter = (text = "") => `${text.startsWith("x") ? "y" : "x"}${text.slice(1)}`;
    const variants: Record<string, unknown> = {
      "data altered": { ...paymentData, data: alter(paymentData.data) },
      "signature altered": { ...paymentData, signature: alter(paymentData.signature) },
      "a signature of another kind": { ...paymentData, signature: googleToken.signature },
      "real EC_v1": {
        ...paymentData,
        data: "x7Qk9+real+ciphertext==",
        signature: "MIAGCSqGSIb3DQEHAqCAMIACAQEx",
      },
    };
    for (const [name, data] of Object.entries(variants)) {
      const res = await payWith({ apple_pay: { token: { ...source.apple_pay.token, paymentData: data } } });
      expect(res.status, name).toBe(400);
      expect(res.body.error?.code, name).toBe("wallet_token_invalid");
    }
    const otherNetwork = {
      ...source.apple_pay.token,
      paymentMethod: { displayName: "MasterCard 1111", network: "MasterCard", type: "credit" },
    };
    expect((await payWith({ apple_pay: { token: otherNetwork } })).body.error?.code).toBe(
      "wallet_token_invalid",
    );
    expect((await payWith(source)).status).toBe(201);
  });

  it("refuses a source with a wallet and a token together, or a wallet of the wrong shape (400 invalid_request)", async () => {
    const { source } = await mintWallet(gw, "apple_pay");
    for (const bad of [
      { ...source, token: "tok_x" },
      { apple_pay: { token: { paymentData: "x" } } },
      { google_pay: { token: "x" } },
    ]) {
      const res = await payWith(bad);
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe("invalid_request");
    }
  });
});

describe("saving a wallet method (save_method)", () => {
  it("refuses an Apple Pay payment (a device account number with a one-time cryptogram): 400 wallet_method_not_storable, nothing charged", async () => {
    const { source } = await mintWallet(gw, "apple_pay");
    const res = await payWith(source, { save_method: true });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe("wallet_method_not_storable");
    // Nothing was spent: the same wallet token pays without save_method.
    expect((await payWith(source)).body.status).toBe("approved");
  });

  it("refuses Google Pay CRYPTOGRAM_3DS (a device token) the same way", async () => {
    const { source } = await mintWallet(gw, "google_pay", "visa", "CRYPTOGRAM_3DS");
    const res = await payWith(source, { save_method: true });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe("wallet_method_not_storable");
  });

  it("stores Google Pay PAN_ONLY (the card kept in the Google account) as a card, charged later as one", async () => {
    const { source } = await mintWallet(gw, "google_pay", "mastercard", "PAN_ONLY");
    const res = await payWith(source, { save_method: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: "approved",
      method: { kind: "google_pay", brand: "mastercard", last4: "4444" },
      stored_method: {
        id: expect.stringMatching(/^pm_/),
        kind: "card",
        brand: "mastercard",
        last4: "4444",
        exp_month: 12,
        exp_year: 2030,
        billing_zip: null,
        bank_name: null,
      },
    });
    const stored = res.body.stored_method as TStoredMethodJson;
    expect((await gw.api.get<TStoredMethodJson>(`/v1/payment_methods/${stored.id}`)).body.kind).toBe("card");
    const later = await payStored(gw, stored.id);
    expect(later.body).toMatchObject({
      status: "approved",
      method: { kind: "card", brand: "mastercard", last4: "4444" },
    });
  });

  it("saves nothing when the PAN_ONLY payment is declined", async () => {
    const { source } = await mintWallet(gw, "google_pay", "insufficient_funds", "PAN_ONLY");
    const res = await payWith(source, { save_method: true });
    expect(res.body).toMatchObject({ status: "declined", stored_method: null });
  });
});

describe("POST /v1/apple_pay/merchant_sessions", () => {
  const body = {
    validation_url: "https://apple-pay-gateway-cert.apple.com/paymentservices/startSession",
    domain_name: "localhost",
    display_name: "Riverside Family Medicine",
  };

  it("answers a sandbox merchant session with Apple's fields", async () => {
    const res = await gw.api.post<Record<string, unknown>>("/v1/apple_pay/merchant_sessions", body);
    expect(res.status).toBe(201);
    const now = gw.clock.now().getTime();
    expect(res.body).toEqual({
      epochTimestamp: now,
      expiresAt: now + 5 * MINUTE_MS,
      merchantSessionIdentifier: expect.stringMatching(/^SSH[0-9A-F]{32}_SANDBOX$/),
      nonce: expect.stringMatching(/^[0-9a-f]{8}$/),
      merchantIdentifier: expect.stringMatching(/^[0-9A-F]{64}$/),
      domainName: "localhost",
      displayName: "Riverside Family Medicine",
      signature: expect.any(String),
      operationalAnalyticsIdentifier: "Riverside Family Medicine:SANDBOX",
      retries: 0,
    });
  });

  it("needs an Idempotency-Key and replays under it", async () => {
    expect(
      (await gw.api.post("/v1/apple_pay/merchant_sessions", body, { idempotencyKey: null })).status,
    ).toBe(400);
    const first = await gw.api.post("/v1/apple_pay/merchant_sessions", body, { idempotencyKey: "ms-1" });
    const again = await gw.api.post("/v1/apple_pay/merchant_sessions", body, { idempotencyKey: "ms-1" });
    expect(again.text).toBe(first.text);
  });

  it.each([
    "https://evil.example/paymentservices/startSession",
    "https://apple-pay-gateway.apple.com.evil.example/paymentSession",
    "http://apple-pay-gateway.apple.com/paymentservices/paymentSession",
    "https://apple-pay-gateway.apple.com:8443/paymentservices/paymentSession",
    "https://www.apple.com/",
    "not a url",
  ])("refuses the validation URL %s: 400 invalid_validation_url", async (validation_url) => {
    const res = await gw.api.post("/v1/apple_pay/merchant_sessions", { ...body, validation_url });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe("invalid_validation_url");
  });

  it.each([
    "https://apple-pay-gateway.apple.com/paymentservices/paymentSession",
    "https://apple-pay-gateway-nc-pod5.apple.com/paymentservices/paymentSession",
    "https://cn-apple-pay-gateway.apple.com/paymentservices/paymentSession",
  ])("accepts Apple's gateway %s", async (validation_url) => {
    expect((await gw.api.post("/v1/apple_pay/merchant_sessions", { ...body, validation_url })).status).toBe(
      201,
    );
  });

  it("refuses a domain that is not registered (not the host of an allowed origin)", async () => {
    const res = await gw.api.post("/v1/apple_pay/merchant_sessions", {
      ...body,
      domain_name: "evil.example",
    });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe("apple_pay_domain_not_registered");
  });

  it("refuses a missing field or an unknown one as invalid_request", async () => {
    expect(
      (await gw.api.post("/v1/apple_pay/merchant_sessions", { ...body, display_name: undefined })).status,
    ).toBe(400);
    expect((await gw.api.post("/v1/apple_pay/merchant_sessions", { ...body, extra: 1 })).status).toBe(400);
  });
});

describe("GET /wallet-simulator", () => {
  const page = (params: Record<string, string>) =>
    fetch(`${gw.url}/wallet-simulator?${new URLSearchParams(params)}`);
  const good = {
    kind: "apple_pay",
    key: PUBLISHABLE_KEY,
    origin: PARENT_ORIGIN,
    amount_cents: "12540", // $125.40
    currency: "USD",
    label: "Riverside <Family> Medicine",
  };

  it("serves a sandbox payment sheet to an allowed origin, framable by that origin only, no inline script", async () => {
    for (const kind of ["apple_pay", "google_pay"]) {
      const res = await page({ ...good, kind });
      expect(res.status).toBe(200);
      expect(csp(res)).toMatchObject({
        "default-src": "'none'",
        "script-src": "'self'",
        "style-src": "'self'",
        "connect-src": "'self'",
        "form-action": "'none'",
        "base-uri": "'none'",
        "frame-ancestors": PARENT_ORIGIN,
        "require-trusted-types-for": "'script'",
      });
      const html = await res.text();
      expect(html).toContain(kind === "apple_pay" ? "Sandbox Apple Pay" : "Sandbox Google Pay");
      expect(html).toContain("$125.40");
      expect(html).toContain("Riverside &lt;Family&gt; Medicine");
      expect(html).toContain("<legend>Card</legend>");
      expect(html.includes("CRYPTOGRAM_3DS")).toBe(kind === "google_pay");
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
      expect(html).not.toMatch(/\sstyle=/);
      expect(html).not.toMatch(/4111 ?1111 ?1111 ?1111|5555 ?5555/);
    }
    const script = await fetch(`${gw.url}/hosted/wallet-simulator.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
  });

  it.each([
    ["another origin", { origin: "https://evil.example" }, 403],
    ["a wrong key", { key: "pk_wrong_key" }, 403],
    ["an unknown kind", { kind: "samsung_pay" }, 400],
    ["no amount", { amount_cents: "" }, 400],
    ["a fractional amount", { amount_cents: "12.5" }, 400],
    ["another currency", { currency: "EUR" }, 400],
    ["no label", { label: "" }, 400],
  ])("refuses %s, in a page no one may frame", async (_name, change, status) => {
    const res = await page({ ...good, ...change });
    expect(res.status).toBe(status);
    expect(csp(res)["frame-ancestors"]).toBe("'none'");
    expect(await res.text()).not.toContain("<script");
  });
});

describe("GATEWAY_WALLET_SIMULATOR=off", () => {
  it("serves no simulator page and mints nothing; wallet payments and merchant sessions still answer", async () => {
    const off = await startTestGateway({ walletSimulator: false });
    try {
      const res = await fetch(
        `${off.url}/wallet-simulator?${new URLSearchParams({ kind: "apple_pay", key: PUBLISHABLE_KEY, origin: PARENT_ORIGIN, amount_cents: "100", label: "x" })}`,
      );
      expect(res.status).toBe(404);
      expect((await fetch(`${off.url}/hosted/wallet-simulator.js`)).status).toBe(404);
      expect((await requestWalletToken(off, { kind: "apple_pay", card: "visa" })).status).toBe(404);
      // A token from another gateway (another secret) is not this one's.
      const { source } = await mintWallet(gw, "apple_pay");
      const pay = await off.api.post("/v1/payments", { ...paymentBody(""), source });
      expect(pay.body.error?.code).toBe("wallet_token_invalid");
    } finally {
      await off.close();
    }
  });
});
