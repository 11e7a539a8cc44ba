// POST /v1/payment_methods with {bank_account}: a bank account's numbers sent server to server
// (the portal's autopay enrolment file), vaulted under the same rules as the hosted bank form.
import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TPaymentJson } from "./store";
import {
  apiClient,
  bankAccountBody,
  payStored,
  startTestGateway,
  storeBankAccount,
  storeMethod,
  tokenizeAch,
  type TTestGateway,
} from "./test/harness";

let gw: TTestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw?.close());

const ACCOUNT = "000123456789";

describe("POST /v1/payment_methods with a bank account (server to server)", () => {
  it("stores the account: the stored method only, never the numbers", async () => {
    const res = await storeBankAccount(gw, { account_number: ACCOUNT });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^pm_[0-9a-f]{24}$/),
      kind: "ach",
      brand: null,
      last4: "6789",
      exp_month: null,
      exp_year: null,
      bank_name: "Federal Reserve Bank of Boston",
      bank_account_type: "checking",
      billing_zip: null,
      fingerprint: expect.stringMatching(/^fp_[\w-]{24}$/),
      created_at: gw.clock.now().toISOString(),
    });
    expect(res.text).not.toContain(ACCOUNT);
    expect(res.text).not.toContain("011000015");
    expect(res.text).not.toContain("Robin Hale");
    // It is a stored method like any other: read back, charged.
    expect((await gw.api.get(`/v1/payment_methods/${res.body.id}`)).body).toEqual(res.body);
    const paid = await payStored(gw, res.body.id, 8900); // $89.00
    expect(paid.body).toMatchObject({
      status: "approved",
      authorization_code: null,
      method: { kind: "ach", last4: "6789", bank_account_type: "checking" },
    });
  });

  it.each([
    ["021000021", "savings", "individual", "JPMorgan Chase Bank, N.A."],
    ["123456780", "checking", "company", null], // passes the ABA checksum, in no table: no name
  ])(
    "stores routing %s as %s for an %s holder, bank name %s",
    async (routing_number, account_type, account_holder_type, bankName) => {
      const res = await storeBankAccount(gw, { routing_number, account_type, account_holder_type });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: "ach", bank_account_type: account_type, bank_name: bankName });
    },
  );

  it("fingerprints the account: the same numbers from either path match, other numbers do not, and no plain hash gives it", async () => {
    const first = await storeBankAccount(gw, { account_number: ACCOUNT });
    const again = await storeBankAccount(gw, { account_number: ACCOUNT, account_holder_name: "R. Hale" });
    expect(again.body.id).not.toBe(first.body.id); // a second vault entry, recognisably the same account
    expect(again.body.fingerprint).toBe(first.body.fingerprint);
    // The hosted bank form's token, stored, is the same account.
    const fromForm = await storeMethod(gw, await tokenizeAch(gw, { account: ACCOUNT }));
    expect(fromForm.body.fingerprint).toBe(first.body.fingerprint);
    // Another account number, or the same number at another bank, is another account.
    const other = await storeBankAccount(gw, { account_number: "000123456788" });
    const otherBank = await storeBankAccount(gw, { account_number: ACCOUNT, routing_number: "021000021" });
    expect(new Set([first, other, otherBank].map((r) => r.body.fingerprint)).size).toBe(3);
    // Keyed: not a hash anyone could compute from the numbers.
    for (const text of ["011000015:000123456789", "ach:011000015:000123456789", ACCOUNT]) {
      for (const encoding of ["hex", "base64url"] as const) {
        expect(first.body.fingerprint).not.toContain(
          createHash("sha256").update(text).digest(encoding).slice(0, 24),
        );
      }
    }
  });

  it("gives the test numbers' outcomes: an account ending 0000 is returned R01 at settlement", async () => {
    const r01 = await storeBankAccount(gw, { account_number: "55550000" });
    expect(r01.status).toBe(201); // not verified when stored, as a bank token is not
    const charge = await payStored(gw, r01.body.id, 8900);
    expect(charge.body.status).toBe("approved");
    expect((await gw.api.post("/v1/settlements", {})).status).toBe(200);
    expect((await gw.api.get<TPaymentJson>(`/v1/payments/${charge.body.id}`)).body).toMatchObject({
      status: "returned",
      return_code: "R01",
    });
  });

  it("refuses numbers the hosted form would refuse: 400 with the fields named, no value quoted, recorded", async () => {
    const key = randomUUID();
    const bad = { routing_number: "011000016", account_number: "12", account_type: "brokerage" };
    const res = await storeBankAccount(gw, bad, key);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "invalid_request",
      retryable: false,
      fields: {
        routing_number: expect.any(String),
        account_number: expect.any(String),
        account_type: expect.any(String),
      },
    });
    expect(res.text).not.toMatch(/011000016|brokerage|"12"/);
    // Recorded like an unknown token: the same request replays it.
    const again = await storeBankAccount(gw, bad, key);
    expect(again.text).toBe(res.text);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
  });

  it("is idempotent: the same key and numbers replay the same method; other numbers under the key are refused", async () => {
    const key = randomUUID();
    const first = await storeBankAccount(gw, { account_number: "31415926" }, key);
    const again = await storeBankAccount(gw, { account_number: "31415926" }, key);
    expect(first.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const other = await storeBankAccount(gw, { account_number: "31415927" }, key);
    expect(other.status).toBe(422);
    expect(other.body.error?.code).toBe("idempotency_key_reused");
    // A new key is a new stored method (a second vault entry for the same account).
    const second = await storeBankAccount(gw, { account_number: "31415926" });
    expect(second.body.id).not.toBe(first.body.id);
  });

  it("refuses a body of the wrong shape without recording it (the key stays free)", async () => {
    const key = randomUUID();
    const token = await tokenizeAch(gw);
    for (const body of [
      bankAccountBody({ account_holder_name: " " }),
      bankAccountBody({ account_holder_type: "trust" }),
      bankAccountBody({ bank_name: "Some bank" }),
      { ...bankAccountBody(), token },
      { bank_account: "011000015:000123456789" },
    ]) {
      const res = await gw.api.post("/v1/payment_methods", body, { idempotencyKey: key });
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe("invalid_request");
      expect(res.text).not.toContain("000123456789");
    }
    expect((await storeBankAccount(gw, {}, key)).status).toBe(201);
  });

  it("needs the secret API key and an Idempotency-Key", async () => {
    const anonymous = await apiClient(gw.url, "sk_wrong").post("/v1/payment_methods", bankAccountBody());
    expect(anonymous.status).toBe(401);
    const keyless = await gw.api.post("/v1/payment_methods", bankAccountBody(), { idempotencyKey: null });
    expect(keyless.status).toBe(400);
  });

  it("logs one line per request and never the numbers or the holder", async () => {
    const marker = "4455667788990";
    await storeBankAccount(gw, { account_number: marker, account_holder_name: "Quill Marker" });
    await storeBankAccount(gw, { account_number: marker, routing_number: "011000016" });
    const logs = gw.logs.join("\n");
    expect(logs).toContain("POST /v1/payment_methods 201");
    expect(logs).toContain("POST /v1/payment_methods 400");
    expect(logs).not.toContain(marker);
    expect(logs).not.toContain("Quill Marker");
  });
});
