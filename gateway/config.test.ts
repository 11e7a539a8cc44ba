import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { gatewayOptionsFromEnv } from "./config";
import { createGatewayServer } from "./server";
import { parseCutoff, previousCutoff, zonedTimeToUtc } from "./cutoff";

describe("gateway configuration", () => {
  it("has working defaults", () => {
    expect(gatewayOptionsFromEnv({})).toEqual({
      port: 4000,
      host: "127.0.0.1",
      dataDir: ".data/gateway",
      apiKey: "sk_sandbox_portal",
      publishableKey: "pk_sandbox_portal",
      allowedOrigins: ["http://localhost:3000"],
      webhookUrl: null,
      webhookSecrets: ["whsec_sandbox_portal"],
      latencyMs: 0,
      settlementCutoff: { hour: 21, minute: 0, timeZone: "America/New_York" },
      walletSimulator: true,
      appleMerchantId: "merchant.portal.sandbox",
    });
  });

  it("turns the wallet simulator off with GATEWAY_WALLET_SIMULATOR=off", () => {
    expect(gatewayOptionsFromEnv({ GATEWAY_WALLET_SIMULATOR: "off" }).walletSimulator).toBe(false);
    expect(() => gatewayOptionsFromEnv({ GATEWAY_WALLET_SIMULATOR: "maybe" })).toThrow(
      /GATEWAY_WALLET_SIMULATOR/,
    );
  });

  it("reads every GATEWAY_* variable; an empty one counts as unset", () => {
    const options = gatewayOptionsFromEnv({
      GATEWAY_PORT: "4100",
      GATEWAY_DATA_DIR: "/var/lib/gateway",
      GATEWAY_API_KEY: "sk_live_like_key",
      GATEWAY_PUBLISHABLE_KEY: "pk_live_like_key",
      GATEWAY_ALLOWED_ORIGINS: "http://localhost:3000, https://pay.example.org",
      GATEWAY_WEBHOOK_URL: "http://localhost:3000/api/webhooks/gateway",
      GATEWAY_WEBHOOK_SECRET: "whsec_new_secret, whsec_old_secret",
      GATEWAY_LATENCY_MS: "250",
      GATEWAY_SETTLEMENT_CUTOFF: "17:30 America/Chicago",
      GATEWAY_HOST: "",
    });
    expect(options).toMatchObject({
      port: 4100,
      host: "127.0.0.1",
      dataDir: "/var/lib/gateway",
      apiKey: "sk_live_like_key",
      allowedOrigins: ["http://localhost:3000", "https://pay.example.org"],
      webhookUrl: "http://localhost:3000/api/webhooks/gateway",
      webhookSecrets: ["whsec_new_secret", "whsec_old_secret"],
      latencyMs: 250,
      settlementCutoff: { hour: 17, minute: 30, timeZone: "America/Chicago" },
    });
    expect(gatewayOptionsFromEnv({ GATEWAY_SETTLEMENT_CUTOFF: "off" }).settlementCutoff).toBeNull();
  });

  it("refuses nonsense", () => {
    expect(() => gatewayOptionsFromEnv({ GATEWAY_PORT: "port" })).toThrow(/GATEWAY_PORT/);
    expect(() => gatewayOptionsFromEnv({ GATEWAY_WEBHOOK_URL: "not a url" })).toThrow(/GATEWAY_WEBHOOK_URL/);
    expect(() => gatewayOptionsFromEnv({ GATEWAY_ALLOWED_ORIGINS: "localhost" })).toThrow(
      /GATEWAY_ALLOWED_ORIGINS/,
    );
    expect(() => gatewayOptionsFromEnv({ GATEWAY_SETTLEMENT_CUTOFF: "9pm" })).toThrow(
      /GATEWAY_SETTLEMENT_CUTOFF/,
    );
    expect(() => parseCutoff("21:00 Mars/Olympus")).toThrow(/time zone/);
  });
});

describe("the settlement cut-off", () => {
  const cutoff = { hour: 21, minute: 0, timeZone: "America/New_York" };

  it("is 21:00 New York time in winter (UTC−5) and in summer (UTC−4)", () => {
    expect(
      zonedTimeToUtc(
        { year: 2026, month: 1, day: 15, hour: 21, minute: 0 },
        "America/New_York",
      ).toISOString(),
    ).toBe("2026-01-16T02:00:00.000Z");
    expect(
      zonedTimeToUtc(
        { year: 2026, month: 7, day: 15, hour: 21, minute: 0 },
        "America/New_York",
      ).toISOString(),
    ).toBe("2026-07-16T01:00:00.000Z");
  });

  it("follows the clock change days", () => {
    // 8 March 2026 (clocks go forward at 02:00) and 1 November 2026 (back at 02:00).
    expect(previousCutoff(new Date("2026-03-09T01:00:00Z"), cutoff).toISOString()).toBe(
      "2026-03-09T01:00:00.000Z",
    );
    expect(previousCutoff(new Date("2026-11-02T02:00:00Z"), cutoff).toISOString()).toBe(
      "2026-11-02T02:00:00.000Z",
    );
  });

  it("is the latest cut-off at or before now", () => {
    // 20:59 on 1 June → the cut-off of 31 May; 21:00 → that of 1 June.
    expect(previousCutoff(new Date("2026-06-02T00:59:00Z"), cutoff).toISOString()).toBe(
      "2026-06-01T01:00:00.000Z",
    );
    expect(previousCutoff(new Date("2026-06-02T01:00:00Z"), cutoff).toISOString()).toBe(
      "2026-06-02T01:00:00.000Z",
    );
    expect(previousCutoff(new Date("2026-06-02T03:59:00Z"), cutoff).toISOString()).toBe(
      "2026-06-02T01:00:00.000Z",
    );
  });
});

describe("where the gateway listens", () => {
  it("answers on this machine's 127.0.0.1 only unless told otherwise (its sandbox keys are published)", async () => {
    const gw = await createGatewayServer({
      port: 0,
      dataDir: "memory://",
      settlementCutoff: null,
      log: () => {},
    });
    const reach = (host: string) =>
      new Promise<boolean>((resolve) => {
        const socket = connect({ host, port: gw.port });
        socket.once("connect", () => {
          socket.destroy();
          resolve(true);
        });
        socket.once("error", () => resolve(false));
      });
    try {
      expect(await reach("127.0.0.1")).toBe(true);
      // Another address of this machine: the IPv6 loopback (a server on every interface answers it).
      expect(await reach("::1")).toBe(false);
    } finally {
      await gw.close();
    }
  });
});
