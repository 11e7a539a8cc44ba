import { DEMO, expect, signInAsNewStaff, submitLogin, test } from "./support/fixtures";

// Input nobody types by accident, at each edge: the answer is a clear refusal, never a 500 and
// never a database's words.

test("a NUL or another control character in an address is refused with 400, not a server error", async ({
  page,
  request,
  db,
}) => {
  for (const path of ["/receipts/%00/pdf", "/receipts/%00", "/bills/%00abc", "/guest?x=%0A%00"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(400);
  }
  await signInAsNewStaff(page, db);
  const search = await page.request.get("/staff?q=%00abc", { maxRedirects: 0 });
  expect(search.status()).toBe(400);
  // A server action's call skips proxy.ts: the server refuses the address first all the same.
  const action = await page.request.post("/staff?q=%00abc", {
    headers: { "next-action": "00".repeat(21), "content-type": "text/plain;charset=UTF-8" },
    data: "[]",
    maxRedirects: 0,
  });
  expect(action.status()).toBe(400);
  expect(await action.text()).toBe("Bad request: the address has a character it may not have.");
});

test("staff search takes % and _ as themselves, not as wildcards", async ({ page, db }) => {
  await signInAsNewStaff(page, db);
  for (const q of ["%%", "__", "A-100_"]) {
    await page.goto(`/staff?q=${encodeURIComponent(q)}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: /Rivera, Pat/ }), q).toHaveCount(0);
  }
  await page.goto(`/staff?q=${encodeURIComponent("A-1001")}`);
  await expect(page.getByRole("link", { name: /Rivera, Pat/ })).toBeVisible();
});

test("an email with a NUL at sign-in gets the usual answer, and nothing of the database reaches the page", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("response", (r) => {
    if (r.url().includes("/api/auth/")) errors.push(decodeURIComponent(r.url()));
  });
  await page.goto("/login");
  await submitLogin(page, `${DEMO.patient.email}\u0000`, DEMO.patient.password);
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    "That email and password don't match our records.",
  );
  for (const url of [page.url(), ...errors]) {
    expect(url).not.toMatch(/invalid byte|0x00|prisma|postgres|sequence/i);
  }
});
