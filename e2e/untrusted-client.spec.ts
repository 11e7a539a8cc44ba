import { DEMO, expect, expectAccessible, test } from "./support/fixtures";

// Against `npm start` as shipped (the embedded server, 3101): TRUST_PROXY is off, so nothing a
// client says about forwarding (X-Forwarded-For, -Host, -Proto…) is believed.

test("a forged X-Forwarded-Host does not let another site post a server action", async ({
  page,
  baseURL,
}) => {
  await page.goto("/guest");
  await expectAccessible(page);
  let captured: { headers: Record<string, string>; body: Buffer } | undefined;
  await page.route("**/guest", async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    captured = { headers: await request.allHeaders(), body: request.postDataBuffer()! };
    return route.abort();
  });
  await page.getByLabel("Statement number").fill(DEMO.guest.statementNumber);
  await page.getByLabel("Patient's date of birth").fill(DEMO.guest.dob);
  await page.getByRole("button", { name: "Find my statement" }).click();
  await expect.poll(() => captured).toBeDefined();
  const keep = ["content-type", "next-action", "accept"];
  const replay = (headers: Record<string, string>) =>
    page.request.post("/guest", {
      headers: {
        ...Object.fromEntries(Object.entries(captured!.headers).filter(([k]) => keep.includes(k))),
        ...headers,
      },
      data: captured!.body,
      maxRedirects: 0,
    });

  // Another site's post, claiming through the header that the request was for its host.
  const forged = await replay({ origin: "https://evil.example", "x-forwarded-host": "evil.example" });
  expect(forged.status()).toBeGreaterThanOrEqual(400);
  expect(forged.headers()["set-cookie"] ?? "").not.toContain("ppp_guest");

  // The same post from our own origin goes through: the refusal is the Origin check.
  const genuine = await replay({ origin: new URL(baseURL!).origin });
  expect(genuine.status()).toBeLessThan(400);
  expect(genuine.headers()["set-cookie"] ?? "").toContain("ppp_guest");
});
