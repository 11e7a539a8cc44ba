import { createHmac, randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  DEMO,
  captureServerAction,
  expect,
  expectAccessible,
  replayServerAction,
  signIn,
  signInAsNewStaff,
  test,
  uniqueEmail,
} from "./support/fixtures";

// The admin's console for outbound webhooks (docs/webhooks.md). Not e2e/webhooks.spec.ts, which
// is about the gateway's webhooks coming in. The portal on PostgreSQL runs with
// WEBHOOK_ALLOWED_HOSTS=127.0.0.1,localhost (playwright.config.ts), so it may send to the
// receiver this test starts on 127.0.0.1.

/** A practice's system: every POST kept, answered 200. */
const startReceiver = async () => {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200, { "Content-Type": "text/plain" }).end("posted");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    url: `http://127.0.0.1:${port}/portal-events/${randomUUID().slice(0, 8)}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const isSignedWith = (header: string, body: string, secret: string) => {
  const t = /t=(\d+)/.exec(header)?.[1];
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return header.split(",").includes(`v1=${expected}`);
};

test("an admin adds an endpoint, sees a delivery in its log and resends it; rotates and deletes", async ({
  page,
  db,
}) => {
  const receiver = await startReceiver();
  try {
    await signInAsNewStaff(page, db, { role: "ADMIN" });
    await page.getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
    await expectAccessible(page);

    // A URL the portal must refuse: plain http to a host not on the allow-list.
    await page.getByLabel("URL").fill("http://pms.example.org/hook");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByText("This URL must start with https://.").first()).toBeVisible();
    await expect(page.getByLabel("URL")).toHaveValue("http://pms.example.org/hook"); // kept
    await expectAccessible(page);

    await page.getByLabel("URL").fill(receiver.url);
    for (const box of await page.getByRole("checkbox", { name: /^payment\./ }).all()) await box.uncheck();
    await page.getByRole("checkbox", { name: "plan.defaulted" }).check();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const secret = (await page.getByTestId("webhook-secret").textContent())!;
    expect(secret).toMatch(/^whsec_/);
    await expectAccessible(page);
    await expect(page.getByRole("table", { name: "Webhook endpoints of this practice" })).toContainText(
      receiver.url,
    );

    // An event of the practice, as a plan going into default writes it (its own id, so that no
    // other test's event is this one); the worker delivers it within seconds.
    const eventId = `evt_e2e${randomBytes(9).toString("hex")}`;
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM webhook_endpoint WHERE url = $1`, [
      receiver.url,
    ]);
    const endpointId = rows[0]!.id;
    const body = JSON.stringify({
      id: eventId,
      type: "plan.defaulted",
      created: new Date().toISOString(),
      api_version: "2026-12-01",
      data: { object: "plan", plan: { id: "e2e_plan", status: "defaulted" } },
    });
    await db.query(
      `WITH ev AS (
         INSERT INTO integration_event (id, "practiceId", type, "apiVersion", body)
         SELECT $1, "practiceId", 'plan.defaulted', '2026-12-01', $2 FROM webhook_endpoint WHERE id = $3
         RETURNING id)
       INSERT INTO webhook_delivery (id, "endpointId", "eventId", "eventType", "updatedAt")
       SELECT $4, $3, id, 'plan.defaulted', now() FROM ev`,
      [eventId, body, endpointId, `whd_e2e_${randomUUID()}`],
    );
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    expect(receiver.received[0]!.body).toBe(body);
    expect(receiver.received[0]!.headers["portal-event-id"]).toBe(eventId);
    expect(isSignedWith(receiver.received[0]!.headers["portal-signature"] as string, body, secret)).toBe(
      true,
    );

    await page.getByRole("link", { name: receiver.url }).click();
    await expect(page.getByRole("heading", { level: 1, name: receiver.url })).toBeVisible();
    const log = page.getByRole("table", { name: /deliveries to this endpoint/ });
    await expect(log).toContainText(eventId);
    await expect(log).toContainText("Delivered");
    await expect(log).toContainText("200 in");
    await expectAccessible(page);

    await log.getByRole("button", { name: "Resend" }).click();
    await expect(log.getByText("Queued to send again.")).toBeVisible();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(2);
    expect(receiver.received[1]!.headers["portal-event-id"]).toBe(eventId); // the same event
    await expect
      .poll(
        async () => {
          await page.reload();
          return (await log.textContent())?.match(/200 in/g)?.length ?? 0;
        },
        { timeout: 15_000 },
      )
      .toBe(2);
    await expectAccessible(page);

    await page.getByRole("button", { name: "Resend failed events" }).click();
    await expect(page.getByText("No failed delivery since then.")).toBeVisible();

    await page.getByRole("button", { name: "Rotate secret" }).click();
    const rotated = (await page.getByTestId("webhook-secret").textContent())!;
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await expectAccessible(page);

    await page.getByRole("button", { name: "Delete endpoint" }).click();
    await expect(page).toHaveURL(/\/staff\/webhooks$/);
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
    await expect(page.getByText(receiver.url)).toHaveCount(0);
    const { rows: left } = await db.query(`SELECT id FROM webhook_endpoint WHERE id = $1`, [endpointId]);
    expect(left).toEqual([]);
  } finally {
    await receiver.close();
  }
});

test("a patient, staff without the permission and another practice's admin cannot use the console", async ({
  page,
  browser,
  clientIp,
  db,
  baseURL,
}) => {
  // An endpoint of the demo practice, made by its admin (whose create action is kept to replay).
  await signInAsNewStaff(page, db, { role: "ADMIN" });
  await page.goto("/staff/webhooks");
  // A documentation address: refused wherever the action is replayed, with no DNS lookup.
  const url = `https://203.0.113.9/hook-${randomUUID().slice(0, 8)}`;
  const create = await captureServerAction(page, "/staff/webhooks", async () => {
    await page.getByLabel("URL").fill(url);
    await page.getByRole("button", { name: "Add endpoint" }).click();
  });
  await db.query(
    `INSERT INTO webhook_endpoint (id, "practiceId", url, "eventTypes", "isActive", "secretCiphertext", "updatedAt")
     SELECT $1, id, $2, ARRAY['payment.approved'], false, 'v1.x.y.z', now() FROM practice WHERE "clientId" = 'RFM001'`,
    [`e2e_endpoint_${randomUUID()}`, url],
  );
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM webhook_endpoint WHERE url = $1`, [url]);
  const endpointId = rows[0]!.id;

  // Another practice, and its admin.
  const otherEmail = uniqueEmail("other-admin");
  const other = await db.createPatient({ email: otherEmail, password: "Other-Admin-1" });
  await db.query(
    `INSERT INTO practice (id, name, "clientId", "updatedAt") VALUES ($1, 'Elsewhere Clinic', $2, now())
     ON CONFLICT DO NOTHING`,
    [`e2e_practice_${other.id}`, `E2E${randomUUID().slice(0, 6)}`],
  );
  await db.query(`UPDATE "user" SET role = 'ADMIN', "practiceId" = $2 WHERE id = $1`, [
    other.id,
    `e2e_practice_${other.id}`,
  ]);

  const people = [
    { who: "patient", email: DEMO.patient.email, password: DEMO.patient.password, list: 403, detail: 403 },
    { who: "staff", ...(await db.createStaff()), list: 403, detail: 403 },
    { who: "other admin", email: otherEmail, password: "Other-Admin-1", list: 200, detail: 404 },
  ];
  for (const person of people) {
    const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": clientIp } });
    const stranger = await context.newPage();
    try {
      await signIn(stranger, person.email, person.password);
      const list = await stranger.goto("/staff/webhooks");
      expect(list?.status(), person.who).toBe(person.list);
      if (person.list === 200) {
        await expect(stranger.getByText(url)).toHaveCount(0);
        await expectAccessible(stranger);
      } else {
        await expect(stranger.getByRole("link", { name: "Webhooks" })).toHaveCount(0);
      }
      const detail = await stranger.goto(`/staff/webhooks/${endpointId}`);
      expect(detail?.status(), person.who).toBe(person.detail);
      await expect(stranger.getByText(url)).toHaveCount(0);

      // The create action replayed with this person's session: refused.
      const cookie = (await context.cookies()).find((c) => /next-auth\.session-token$/.test(c.name))!;
      const answer = await replayServerAction(stranger.request, "/staff/webhooks", create, {
        origin: new URL(baseURL!).origin,
        cookie: `${cookie.name}=${cookie.value}`,
      });
      if (person.list === 403)
        expect(await answer.text(), person.who).toContain("You do not have access to this.");
    } finally {
      await context.close();
    }
  }
  // Nothing was added by any of them.
  const { rows: made } = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM webhook_endpoint WHERE url = $1`,
    [url],
  );
  expect(made[0]!.n).toBe("1");
});
