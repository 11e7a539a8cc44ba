import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  apiClient,
  paymentBody,
  requestToken,
  requestWalletToken,
  startReceiver,
  walletSource,
} from "./test/harness";
import { SIMULATOR_CARDS } from "./wallets";

const root = path.resolve(import.meta.dirname, "..");

const CARDS = [
  "4111 1111 1111 1111",
  "5555 5555 5555 4444",
  "3782 822463 10005",
  "6011 1111 1111 1117",
  "4000 0000 0000 0002",
  "4000 0000 0000 9995",
  "4000 0000 0000 0069",
  "4000 0000 0000 0127",
  "4000 0000 0000 0036",
  "4000 0000 0000 0119",
  "4000 0000 0000 0259",
];
const ACCOUNTS = ["987654321", "55550000"];
/** Sent server to server (POST /v1/payment_methods with bank_account), stored, charged or refused. */
const API_ACCOUNTS = ["4455667788990", "271828180000"];
const MARKER = "stored-reference-marker-7f3a";

const filesUnder = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
};

/** Every form in which a number could have been written down. */
const forms = (number: string) => {
  const digits = number.replace(/\D/g, "");
  return [digits, number, digits.replace(/(\d{4})(?=\d)/g, "$1 ")];
};

describe("card and bank numbers", () => {
  let child: ChildProcess | undefined;
  let dataDir = "";
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("appear nowhere in the gateway's data directory or its output after a run of every test number, stored too", async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "gateway-vault-"));
    const receiver = await startReceiver();
    const origin = "http://localhost:5173";
    // The real entry point, as `npm start` runs it, on a free port.
    child = spawn(process.execPath, ["--import", "tsx", "gateway/main.ts"], {
      cwd: root,
      env: {
        ...process.env,
        GATEWAY_PORT: "0",
        GATEWAY_HOST: "127.0.0.1",
        GATEWAY_DATA_DIR: dataDir,
        GATEWAY_ALLOWED_ORIGINS: origin,
        GATEWAY_WEBHOOK_URL: receiver.url,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child?.on("exit", (code) => resolve(code)));

    const started = Date.now();
    while (!/listening on port (\d+)/.test(output)) {
      if (Date.now() - started > 60_000 || child.exitCode !== null)
        throw new Error(`gateway did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const port = /listening on port (\d+)/.exec(output)?.[1];
    const gw = { url: `http://127.0.0.1:${port}` };
    const api = apiClient(gw.url, "sk_sandbox_portal");
    const tokenOpts = { key: "pk_sandbox_portal", origin };

    let payments = 0;
    for (const number of CARDS) {
      const amex = number.startsWith("37");
      const token = await requestToken(
        gw,
        { kind: "card", number, expiry: "12/30", cvv: amex ? "1234" : "123", zip: "19103" },
        tokenOpts,
      );
      expect(token.status, number).toBe(201);
      // A typo'd number goes through validation (and its error path) too.
      const typo = await requestToken(
        gw,
        { kind: "card", number: `${number}9`, expiry: "12/30", cvv: "123", zip: "19103" },
        tokenOpts,
      );
      expect(typo.status).toBe(400);
      const res = await api
        .post("/v1/payments", paymentBody(token.body.token, 1000, { reference: MARKER }), {
          signal: AbortSignal.timeout(2000),
        })
        .catch(() => null); // 0259 never answers
      if (res?.status === 201) payments++;
    }
    for (const account of ACCOUNTS) {
      const token = await requestToken(
        gw,
        { kind: "ach", routing_number: "011000015", account_number: account, account_type: "checking" },
        tokenOpts,
      );
      expect(token.status).toBe(201);
      expect(
        (await api.post("/v1/payments", paymentBody(token.body.token, 1000, { reference: MARKER }))).status,
      ).toBe(201);
      payments++;
    }
    expect(payments).toBe(CARDS.length - 2 + ACCOUNTS.length); // all but 0119 (502) and 0259 (no answer)

    // The vault: every number stored (the five declines are refused at their $0 verification),
    // each stored method charged and a card's expiry updated; payments that save their method;
    // a deletion.
    const storedIds: string[] = [];
    const numbers = [
      ...CARDS.map((number) => ({
        kind: "card",
        number,
        expiry: "12/30",
        cvv: number.startsWith("37") ? "1234" : "123",
        zip: "19103",
      })),
      ...ACCOUNTS.map((account) => ({
        kind: "ach",
        routing_number: "011000015",
        account_number: account,
        account_type: "savings",
      })),
    ];
    for (const fields of numbers) {
      const stored = await api.post<{ id: string; kind: string }>("/v1/payment_methods", {
        token: (await requestToken(gw, fields, tokenOpts)).body.token,
      });
      if (stored.status === 402) continue;
      expect(stored.status).toBe(201);
      storedIds.push(stored.body.id);
      await api
        .post(
          "/v1/payments",
          { ...paymentBody("", 1000, { reference: MARKER }), source: { stored_method_id: stored.body.id } },
          { signal: AbortSignal.timeout(2000) },
        )
        .catch(() => null); // a stored 0259 never answers either
      if (stored.body.kind === "card") {
        const update = await api.post(`/v1/payment_methods/${stored.body.id}`, {
          exp_month: 1,
          exp_year: 2031,
        });
        expect(update.status).toBe(200);
      }
      const saving = await api
        .post<{ stored_method: unknown }>(
          "/v1/payments",
          paymentBody((await requestToken(gw, fields, tokenOpts)).body.token, 1000, {
            reference: MARKER,
            save_method: true,
          }),
          { signal: AbortSignal.timeout(2000) },
        )
        .catch(() => null);
      if (saving?.status === 201) expect(saving.body.stored_method).not.toBeNull();
    }
    expect(storedIds).toHaveLength(numbers.length - 5);

    // Bank accounts sent server to server: stored (a retry replays), charged, and refused (a bad
    // routing number, and a body of the wrong shape).
    for (const account_number of API_ACCOUNTS) {
      const body = {
        bank_account: {
          routing_number: "021000021",
          account_number,
          account_type: "checking",
          account_holder_name: "Robin Hale",
        },
      };
      const key = `enroll-${account_number.slice(-4)}`;
      const stored = await api.post<{ id: string }>("/v1/payment_methods", body, { idempotencyKey: key });
      expect(stored.status).toBe(201);
      expect((await api.post("/v1/payment_methods", body, { idempotencyKey: key })).status).toBe(201);
      await api.post("/v1/payments", {
        ...paymentBody("", 1000, { reference: MARKER }),
        source: { stored_method_id: stored.body.id },
      });
      const refused = await api.post("/v1/payment_methods", {
        bank_account: { ...body.bank_account, routing_number: "021000022" },
      });
      expect(refused.status).toBe(400);
      const malformed = await api.post("/v1/payment_methods", {
        bank_account: { ...body.bank_account, account_type: 7 },
      });
      expect(malformed.status).toBe(400);
    }

    // Wallets: every simulator card through Apple Pay and Google Pay (PAN_ONLY saved), and a
    // merchant session.
    let walletPayments = 0;
    for (const card of SIMULATOR_CARDS) {
      for (const [kind, auth_method] of [
        ["apple_pay", undefined],
        ["google_pay", "CRYPTOGRAM_3DS"],
        ["google_pay", "PAN_ONLY"],
      ] as const) {
        const minted = await requestWalletToken(
          gw,
          { kind, card: card.id, ...(auth_method ? { auth_method } : {}) },
          tokenOpts,
        );
        expect(minted.status).toBe(201);
        const res = await api.post("/v1/payments", {
          ...paymentBody("", 1000, { reference: MARKER, save_method: auth_method === "PAN_ONLY" }),
          source: walletSource(minted.body),
        });
        if (res.status === 201) walletPayments++;
      }
    }
    expect(walletPayments).toBe((SIMULATOR_CARDS.length - 1) * 3); // all but 0119 (502)
    const session = await api.post("/v1/apple_pay/merchant_sessions", {
      validation_url: "https://apple-pay-gateway.apple.com/paymentservices/paymentSession",
      domain_name: "localhost",
      display_name: "Riverside Family Medicine",
    });
    expect(session.status).toBe(201);
    expect((await api.delete(`/v1/payment_methods/${storedIds[0]}`)).status).toBe(200);
    expect((await api.post("/v1/settlements", {})).status).toBe(200);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    await receiver.close();

    const files = await filesUnder(dataDir);
    const bytes = Buffer.concat(await Promise.all(files.map((f) => readFile(f))));
    // The check can see what was stored: the payment reference is there, in the files on disk.
    expect(files.length).toBeGreaterThan(10);
    expect(bytes.includes(MARKER)).toBe(true);
    expect(bytes.includes(storedIds[1] ?? "pm_none"), "a stored method on disk").toBe(true);
    expect(output).toContain("POST /v1/payments 201");
    const webhooks = receiver.received.map((r) => r.body).join("\n");
    expect(webhooks).toContain(MARKER);

    for (const number of [...CARDS, ...ACCOUNTS, ...API_ACCOUNTS]) {
      for (const form of forms(number)) {
        expect(bytes.includes(form), `${form} in the data directory`).toBe(false);
        expect(output.includes(form), `${form} in the output`).toBe(false);
        expect(webhooks.includes(form), `${form} in a webhook`).toBe(false);
      }
    }
  });
});
