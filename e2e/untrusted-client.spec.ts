import { expect, replayServerAction, test } from "./support/fixtures";
import { captureGuestLookup } from "./support/guest";

// Against `npm start` as shipped (the embedded server, 3101): TRUST_PROXY is off, so nothing a
// client says about forwarding (X-Forwarded-For, -Host, -Proto…) is believed.

test("a forged X-Forwarded-Host does not let another site post a server action", async ({
  page,
  baseURL,
}) => {
  const lookup = await captureGuestLookup(page);
  const replay = (headers: Record<string, string>) =>
    replayServerAction(page.request, "/guest", lookup, headers);

  // Another site's post, claiming through the header that the request was for its host.
  const forged = await replay({ origin: "https://evil.example", "x-forwarded-host": "evil.example" });
  expect(forged.status()).toBeGreaterThanOrEqual(400);
  expect(forged.headers()["set-cookie"] ?? "").not.toContain("ppp_guest");

  // The same post from our own origin goes through: the refusal is the Origin check.
  const genuine = await replay({ origin: new URL(baseURL!).origin });
  expect(genuine.status()).toBeLessThan(400);
  expect(genuine.headers()["set-cookie"] ?? "").toContain("ppp_guest");
});

test("a client cannot choose the request id its request is logged under", async ({ page }) => {
  const answer = await page.request.get("/api/health", {
    headers: { "X-Request-Id": "chosen-by-the-client" },
  });
  expect(answer.status()).toBe(200);
  expect(answer.headers()["x-request-id"]).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
});
