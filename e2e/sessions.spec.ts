import type { APIRequestContext, BrowserContext } from "@playwright/test";
import {
  captureServerAction,
  expect,
  linkIn,
  replayServerAction,
  signIn,
  test,
  uniqueEmail,
  waitForMail,
} from "./support/fixtures";

// A session ends on the server: its cookie, kept or copied, opens nothing afterwards.

const sessionCookieOf = async (context: BrowserContext) => {
  const cookie = (await context.cookies()).find((c) => /next-auth\.session-token$/.test(c.name));
  expect(cookie, "the session cookie").toBeDefined();
  return cookie!;
};

/** A request with nothing but the given session cookie, as someone who copied it would send. */
const withCookie = (request: APIRequestContext, cookie: { name: string; value: string }) => ({
  get: (path: string) =>
    request.get(path, { headers: { cookie: `${cookie.name}=${cookie.value}` }, maxRedirects: 0 }),
});

const isRenewed = (setCookie: string | undefined, name: string) =>
  (setCookie ?? "").split("\n").some((c) => c.startsWith(`${name}=`) && !/^[^=]+=;/.test(c));

test("a session cookie kept after signing out opens no page, runs no action and is not renewed", async ({
  page,
  context,
  request,
  db,
  baseURL,
}) => {
  const user = await db.createPatient({ email: uniqueEmail("signed-out"), password: "Signed-Out-1" });
  await signIn(page, user.email, user.password);
  const cookie = await sessionCookieOf(context);

  // While signed in, the cookie works from anywhere, and the session endpoint renews it.
  const copy = withCookie(request, cookie);
  expect((await copy.get("/payments")).status()).toBe(200);
  const live = await copy.get("/api/auth/session");
  expect(await live.json()).toMatchObject({ user: { email: user.email } });
  expect(isRenewed(live.headers()["set-cookie"], cookie.name)).toBe(true);

  // Capture a real server action (saving contact details) without letting it through.
  await page.goto("/profile");
  const saveDetails = await captureServerAction(page, "/profile", async () => {
    await page.getByLabel("Phone (optional)").fill("(215) 555-0187");
    await page.getByRole("button", { name: "Save details" }).click();
  });

  await page.goto("/profile"); // the aborted post left the page on its error boundary
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?reason=signedout$/);

  // The same cookie, after signing out.
  const afterwards = await copy.get("/payments");
  expect(afterwards.status()).toBe(307);
  expect(afterwards.headers()["location"]).toContain("/login");
  const ended = await copy.get("/api/auth/session");
  expect(await ended.json()).toEqual({});
  expect(isRenewed(ended.headers()["set-cookie"], cookie.name)).toBe(false);
  const action = await replayServerAction(request, "/profile", saveDetails, {
    origin: new URL(baseURL!).origin,
    cookie: `${cookie.name}=${cookie.value}`,
  });
  expect(await action.text()).toContain("Please sign in again.");
  const { rows } = await db.query<{ phone: string | null }>(`SELECT phone FROM "user" WHERE id = $1`, [
    user.id,
  ]);
  expect(rows[0]!.phone).toBeNull();
});

test("after a password reset, the session endpoint does not renew an older session's cookie", async ({
  page,
  context,
  browser,
  request,
  db,
}) => {
  const user = await db.createPatient({ email: uniqueEmail("reset-session"), password: "Before-Reset-1" });
  await signIn(page, user.email, user.password);
  const cookie = await sessionCookieOf(context);

  // The password is reset from another browser.
  const other = await browser.newContext();
  const resetPage = await other.newPage();
  await resetPage.goto("/forgot-password");
  await resetPage.getByLabel("Email").fill(user.email);
  await resetPage.getByRole("button", { name: "Email me a reset link" }).click();
  const mail = await waitForMail(user.email, "reset your password");
  await resetPage.goto(linkIn(mail, "/reset-password?token="));
  await resetPage.getByLabel("New password", { exact: true }).fill("After-Reset-2");
  await resetPage.getByLabel("Confirm new password").fill("After-Reset-2");
  await resetPage.getByRole("button", { name: "Set new password" }).click();
  await expect(resetPage.getByText("Your password was changed")).toBeVisible();
  await other.close();

  const response = await withCookie(request, cookie).get("/api/auth/session");
  expect(await response.json()).toEqual({});
  expect(isRenewed(response.headers()["set-cookie"], cookie.name)).toBe(false);
  await page.goto("/payments");
  await expect(page).toHaveURL(/\/login/);
});

test("a GET of the password sign-in callback is refused as the wrong method", async ({ request }) => {
  const response = await request.get("/api/auth/callback/credentials", { maxRedirects: 0 });
  expect(response.status()).toBe(405);
  expect(response.headers()["allow"]).toBe("POST");
});
