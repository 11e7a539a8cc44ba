import { describe, expect, it } from "vitest";
import { checkWebhookUrl, isPublicAddress } from "@/lib/webhooks/address-check";

const resolvesTo =
  (...addresses: string[]) =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

describe("webhook address check (SSRF)", () => {
  it("refuses loopback, private, link-local, CGNAT, reserved and mapped addresses", () => {
    for (const a of [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "::1",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
    ]) {
      expect([a, isPublicAddress(a)]).toEqual([a, false]);
    }
    for (const a of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
      expect(isPublicAddress(a)).toBe(true);
  });

  it("checks every address a name resolves to, and connects to the one it checked", async () => {
    await expect(
      checkWebhookUrl("https://pms.example.org/hook", {
        allowedHosts: [],
        resolve: resolvesTo("93.184.216.34"),
      }),
    ).resolves.toMatchObject({ ok: true, address: "93.184.216.34", family: 4 });
    await expect(
      checkWebhookUrl("https://pms.example.org/hook", {
        allowedHosts: [],
        resolve: resolvesTo("93.184.216.34", "10.0.0.5"),
      }),
    ).resolves.toEqual({ ok: false, reason: "resolves to a private or reserved address (10.0.0.5)" });
    await expect(
      checkWebhookUrl("https://[::ffff:7f00:1]/hook", { allowedHosts: [], resolve: resolvesTo() }),
    ).resolves.toMatchObject({ ok: false });
  });

  it("wants https, no credentials; an allowed host may be private and plain http", async () => {
    const local = { allowedHosts: ["127.0.0.1", "localhost"], resolve: resolvesTo("127.0.0.1") };
    await expect(checkWebhookUrl("http://pms.example.org/hook", { allowedHosts: [] })).resolves.toMatchObject(
      {
        ok: false,
        reason: "must start with https://",
      },
    );
    await expect(checkWebhookUrl("https://u:p@pms.example.org/", local)).resolves.toMatchObject({
      ok: false,
    });
    await expect(checkWebhookUrl("http://127.0.0.1:9999/hook", { allowedHosts: [] })).resolves.toMatchObject({
      ok: false,
    });
    await expect(checkWebhookUrl("http://127.0.0.1:9999/hook", local)).resolves.toMatchObject({
      ok: true,
      address: "127.0.0.1",
    });
    await expect(checkWebhookUrl("http://localhost:9999/hook", local)).resolves.toMatchObject({ ok: true });
    await expect(checkWebhookUrl("ftp://x", local)).resolves.toMatchObject({ ok: false });
    await expect(checkWebhookUrl("not a url", local)).resolves.toEqual({ ok: false, reason: "is not a URL" });
  });
});
