import { afterEach, describe, expect, it, vi } from "vitest";
import { configurationProblems, readSecrets, resetEnvForTests, SANDBOX_SECRETS, smsConfig } from "@/lib/env";

const own = {
  GATEWAY_API_KEY: "sk_live_0123456789abcdef",
  GATEWAY_WEBHOOK_SECRET: "whsec_0123456789abcdef0123456789",
  NEXTAUTH_SECRET: "a".repeat(43),
};

const problemsOf = (env: Record<string, string | undefined>) => {
  const result = readSecrets(env);
  return result.ok ? [] : result.problems;
};

describe("readSecrets", () => {
  it("lets the sandbox's published values stand in only in development and tests against a gateway on this machine", () => {
    for (const env of [
      { NODE_ENV: "development" },
      { NODE_ENV: "test", GATEWAY_URL: "http://localhost:4100" },
      { NODE_ENV: "development", GATEWAY_URL: "http://127.0.0.1:4000" },
    ]) {
      const result = readSecrets(env);
      expect(result.ok, JSON.stringify(env)).toBe(true);
      if (!result.ok) continue;
      expect(result.secrets.gatewayApiKey).toBe(SANDBOX_SECRETS.GATEWAY_API_KEY);
      expect(result.secrets.gatewayWebhookSecrets).toEqual([SANDBOX_SECRETS.GATEWAY_WEBHOOK_SECRET]);
    }
  });

  it("stops a portal pointed at another gateway without its own secrets, naming each variable", () => {
    const problems = problemsOf({ NODE_ENV: "development", GATEWAY_URL: "https://api.processor.example" });
    expect(problems).toEqual([
      "GATEWAY_API_KEY is not set (required when GATEWAY_URL is https://api.processor.example)",
      "GATEWAY_WEBHOOK_SECRET is not set (required when GATEWAY_URL is https://api.processor.example)",
      "NEXTAUTH_SECRET is not set (required when GATEWAY_URL is https://api.processor.example)",
    ]);
  });

  it("stops a production server without its own secrets, even against a gateway on this machine", () => {
    expect(problemsOf({ NODE_ENV: "production" })).toHaveLength(3);
    expect(problemsOf({ NODE_ENV: "production", GATEWAY_URL: "http://localhost:4000" })[0]).toContain(
      "GATEWAY_API_KEY is not set (required when NODE_ENV is production)",
    );
    expect(problemsOf({ NODE_ENV: "production", ...own })).toEqual([]);
  });

  it("refuses the sandbox's published values where secrets are required, in a rotation list too", () => {
    const problems = problemsOf({
      NODE_ENV: "production",
      ...own,
      GATEWAY_API_KEY: "sk_sandbox_portal",
      GATEWAY_WEBHOOK_SECRET: `${own.GATEWAY_WEBHOOK_SECRET},whsec_sandbox_portal`,
    });
    expect(problems).toEqual([
      "GATEWAY_API_KEY is the sandbox's published value; set a secret of your own (NODE_ENV is production)",
      "GATEWAY_WEBHOOK_SECRET is the sandbox's published value; set a secret of your own (NODE_ENV is production)",
    ]);
  });

  it("treats an empty variable as unset, and wants long secrets of our own", () => {
    expect(problemsOf({ NODE_ENV: "production", ...own, GATEWAY_API_KEY: "" })[0]).toMatch(
      /^GATEWAY_API_KEY is not set/,
    );
    expect(problemsOf({ NODE_ENV: "production", ...own, NEXTAUTH_SECRET: "short" })).toEqual([
      "NEXTAUTH_SECRET must be at least 32 characters",
    ]);
    expect(problemsOf({ NODE_ENV: "production", ...own, GUEST_SESSION_SECRET: "short" })).toEqual([
      "GUEST_SESSION_SECRET must be at least 32 characters",
    ]);
  });

  it("reads METRICS_TOKEN when set (long enough to be a secret), and none when unset or empty", () => {
    const token = "m".repeat(40);
    const set = readSecrets({ NODE_ENV: "production", ...own, METRICS_TOKEN: token });
    expect(set.ok && set.secrets.metricsToken).toBe(token);
    const unset = readSecrets({ NODE_ENV: "production", ...own, METRICS_TOKEN: "" });
    expect(unset.ok && unset.secrets.metricsToken).toBeNull();
    expect(problemsOf({ NODE_ENV: "production", ...own, METRICS_TOKEN: "short" })).toEqual([
      "METRICS_TOKEN must be at least 32 characters",
    ]);
  });

  it("reads a rotation list of webhook secrets, current first, and a guest key that is not the auth secret", () => {
    const result = readSecrets({
      NODE_ENV: "production",
      ...own,
      GATEWAY_WEBHOOK_SECRET: "whsec_new_1234, whsec_old_1234",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.secrets.gatewayWebhookSecrets).toEqual(["whsec_new_1234", "whsec_old_1234"]);
    expect(Buffer.from(result.secrets.guestSessionKey).toString()).not.toContain(own.NEXTAUTH_SECRET);
    const other = readSecrets({ NODE_ENV: "production", ...own, NEXTAUTH_SECRET: "b".repeat(43) });
    expect(
      other.ok && Buffer.compare(other.secrets.guestSessionKey, result.secrets.guestSessionKey),
    ).not.toBe(0);
  });
});

describe("the SMS provider's configuration", () => {
  const sms = {
    SMS_API_URL: "https://api.twilio.com",
    SMS_ACCOUNT_SID: `AC${"0a".repeat(16)}`,
    SMS_AUTH_TOKEN: "f".repeat(32),
    SMS_FROM: "+12155550100",
  };
  const withEnv = (values: Record<string, string>) => {
    for (const [k, v] of Object.entries(values)) vi.stubEnv(k, v);
    resetEnvForTests();
  };
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvForTests();
  });

  it("is off when none of the four is set, and read when all are", () => {
    withEnv({ SMS_API_URL: "", SMS_ACCOUNT_SID: "", SMS_AUTH_TOKEN: "", SMS_FROM: "" });
    expect(smsConfig()).toBeNull();
    expect(configurationProblems()).toBeNull();
    withEnv(sms);
    expect(configurationProblems()).toBeNull();
    expect(smsConfig()).toEqual({
      apiUrl: sms.SMS_API_URL,
      accountSid: sms.SMS_ACCOUNT_SID,
      authToken: sms.SMS_AUTH_TOKEN,
      from: sms.SMS_FROM,
    });
  });

  it("names each one missing when only some are set, and each malformed one", () => {
    withEnv({ SMS_API_URL: sms.SMS_API_URL, SMS_ACCOUNT_SID: "", SMS_AUTH_TOKEN: "", SMS_FROM: "" });
    expect(configurationProblems()).toMatch(/SMS_ACCOUNT_SID is not set/);
    expect(configurationProblems()).toMatch(/SMS_AUTH_TOKEN is not set/);
    expect(configurationProblems()).toMatch(/SMS_FROM is not set/);
    withEnv({ ...sms, SMS_ACCOUNT_SID: "AC123", SMS_AUTH_TOKEN: "short", SMS_FROM: "215-555-0100" });
    const problems = configurationProblems();
    expect(problems).toMatch(/SMS_ACCOUNT_SID must be AC followed by 32 hex digits/);
    expect(problems).toMatch(/SMS_AUTH_TOKEN must be at least 16 characters/);
    expect(problems).toMatch(/SMS_FROM must be a phone number in E.164 form/);
  });
});

describe("the web server's timeouts", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvForTests();
  });

  it("take a positive number of seconds up to a day; anything else stops the start, naming the variable", () => {
    for (const good of ["", "620", " 90 ", "0.5", "86400"]) {
      vi.stubEnv("KEEP_ALIVE_TIMEOUT_SECONDS", good);
      vi.stubEnv("SHUTDOWN_TIMEOUT_SECONDS", good);
      resetEnvForTests();
      expect(configurationProblems(), good).toBeNull();
    }
    for (const bad of ["0", "-5", "65s", "1e9", "abc"]) {
      vi.stubEnv("KEEP_ALIVE_TIMEOUT_SECONDS", bad);
      vi.stubEnv("SHUTDOWN_TIMEOUT_SECONDS", "25");
      resetEnvForTests();
      expect(configurationProblems(), bad).toMatch(/^ {2}- KEEP_ALIVE_TIMEOUT_SECONDS: /m);
      expect(configurationProblems(), bad).not.toMatch(/SHUTDOWN_TIMEOUT_SECONDS/);
    }
  });
});
