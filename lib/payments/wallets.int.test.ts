import { describe, expect, it } from "vitest";
import { createFakeGateway } from "@/lib/gateway/fake";
import { createApplePaySession, getWalletConfig } from "@/lib/payments/wallets";
import { DEMO } from "@/lib/seed/demo-data";
import { setupTestDatabase } from "@/lib/test/test-db";

setupTestDatabase({ seed: true });

describe("wallets", () => {
  it("names the practice on the sheets and offers the sandbox settings by default", async () => {
    const config = await getWalletConfig();
    expect(config).toMatchObject({
      isEnabled: true,
      useSimulator: true,
      merchantName: DEMO.practice.name,
      googlePay: { environment: "TEST", gateway: "portalsandbox", gatewayMerchantId: "sandbox_portal" },
    });
  });

  it("gets an Apple Pay merchant session for our own domain, never one the browser names", async () => {
    const session = await createApplePaySession({
      validationUrl: "https://apple-pay-gateway.apple.com/paymentservices/paymentSession",
      gateway: createFakeGateway(),
    });
    expect(session).toMatchObject({
      domainName: new URL(process.env.NEXTAUTH_URL ?? "http://localhost:3000").hostname,
      displayName: DEMO.practice.name,
    });
  });

  it("refuses a validation URL that is not Apple's, with a message that says to pay another way", async () => {
    await expect(
      createApplePaySession({ validationUrl: "https://evil.example/session", gateway: createFakeGateway() }),
    ).rejects.toMatchObject({
      code: "GATEWAY_UNAVAILABLE",
      userMessage: expect.stringContaining("pay another way"),
    });
  });
});
