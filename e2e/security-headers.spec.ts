import type { ConsoleMessage } from "@playwright/test";
import { DEMO, expect, expectAccessible, replayServerAction, signIn, test } from "./support/fixtures";
import { captureGuestLookup, lookUpStatement } from "./support/guest";

test.describe("security headers and cookies", () => {
  test("pages carry a nonce-based CSP and the other security headers", async ({ page }) => {
    const response = await page.goto("/login");
    expect(response?.status()).toBe(200);
    const headers = response!.headers();
    const csp = headers["content-security-policy"] ?? "";
    const directives = Object.fromEntries(
      csp
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...values]) => [name!, values]),
    );
    expect(directives["script-src"]).toEqual(
      expect.arrayContaining([expect.stringMatching(/^'nonce-[A-Za-z0-9+/=]{16,}'$/)]),
    );
    expect(csp).not.toContain("'unsafe-eval'");
    expect(directives["script-src"]).not.toContain("'unsafe-inline'");
    expect(directives["frame-ancestors"]).toEqual(["'none'"]);
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["permissions-policy"]).toContain("camera=()");

    // The nonce is fresh on every response and is the one on the page's scripts.
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    const scriptNonces = await page
      .locator("script[src]")
      .evaluateAll((els) => els.map((el) => (el as HTMLScriptElement).nonce));
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
    const again = await page.goto("/login");
    expect(again!.headers()["content-security-policy"]).not.toContain(nonce);
    await expectAccessible(page);
  });

  test("no page is broken by its own Content-Security-Policy", async ({ page }) => {
    const violations: string[] = [];
    const onConsole = (message: ConsoleMessage) => {
      if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
        violations.push(`${page.url()}: ${message.text()}`);
      }
    };
    page.on("console", onConsole);
    for (const path of [
      "/",
      "/login",
      "/signup",
      "/forgot-password",
      "/guest",
      "/reset-password",
      "/verify-email",
    ]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectAccessible(page);
    }
    expect(violations).toEqual([]);
  });

  test("the session and guest cookies are HttpOnly, Secure and SameSite=Lax", async ({ page, context }) => {
    await signIn(page, DEMO.patient.email, DEMO.patient.password);
    await expect(page).toHaveURL(/\/bills$/);
    await expectAccessible(page);
    const session = (await context.cookies()).find((c) => /next-auth\.session-token$/.test(c.name));
    expect(session, "the next-auth session cookie").toBeDefined();
    expect(session!.httpOnly).toBe(true);
    expect(session!.sameSite).toBe("Lax");
    expect(session!.secure).toBe(true);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login\?reason=signedout$/);
    await expectAccessible(page);
    await page.goto("/guest");
    await expectAccessible(page);
    await lookUpStatement(page, { statementNumber: DEMO.guest.statementNumber, dob: DEMO.guest.dob });
    await expect(page).toHaveURL(/\/guest\/statement$/);
    await expectAccessible(page);
    const guest = (await context.cookies()).find((c) => c.name === "ppp_guest");
    expect(guest, "the guest session cookie").toBeDefined();
    expect(guest!.httpOnly).toBe(true);
    expect(guest!.sameSite).toBe("Lax");
    expect(guest!.secure).toBe(true);
  });
});

test.describe("cross-site request forgery", () => {
  test("a server action posted with another site's Origin is refused and changes nothing", async ({
    page,
    baseURL,
  }) => {
    // Capture the real lookup post (right details) instead of letting it through…
    const lookup = await captureGuestLookup(page);
    const replay = (origin: string) => replayServerAction(page.request, "/guest", lookup, { origin });

    // …then send it as a forged cross-site post would arrive: same action and body, another Origin.
    const forged = await replay("https://evil.example");
    expect(forged.status()).toBeGreaterThanOrEqual(400);
    expect(forged.headers()["set-cookie"] ?? "").not.toContain("ppp_guest");
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain("ppp_guest");

    // The very same post from our own origin works, so the refusal above is the Origin check.
    const genuine = await replay(new URL(baseURL!).origin);
    expect(genuine.status()).toBeLessThan(400);
    expect(genuine.headers()["set-cookie"] ?? "").toContain("ppp_guest");
  });

  test("next-auth refuses a sign-in post without its CSRF token", async ({ request }) => {
    const response = await request.post("/api/auth/callback/credentials", {
      form: { email: DEMO.patient.email, password: DEMO.patient.password },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    expect(response.headers()["location"]).toContain("csrf=true");
    expect(response.headers()["set-cookie"] ?? "").not.toMatch(/session-token=[^;]+/);
  });
});
