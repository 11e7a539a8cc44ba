import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { TActor } from "@/lib/auth/session";
import { resetEnvForTests } from "@/lib/env";
import { fixedClock, setClockForTests } from "@/lib/clock";
import type { TEventBody } from "@/lib/events/emit";
import { createFakeGateway } from "@/lib/gateway/fake";
import type { Cents } from "@/lib/money";
import { payBill } from "@/lib/payments/pay-bill";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { getPaymentForStaffOrThrow } from "@/lib/payments/staff-queries";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";
import { drainWebhooks } from "@/lib/webhooks/deliver";
import {
  createWebhookEndpoint,
  resendFailedWebhooksSince,
  resendWebhookDelivery,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "@/lib/webhooks/endpoints";
import { startReceiver } from "@/lib/test/webhook-receiver";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.62");

type TVerify = (header: string, rawBody: string, secret: string, toleranceSeconds?: number) => boolean;

/** The verification snippet exactly as docs/webhooks.md prints it, loaded as a module. */
const loadDocSnippet = async (): Promise<TVerify> => {
  const doc = readFileSync(join(process.cwd(), "docs/webhooks.md"), "utf8");
  const block =
    /<!-- signature-snippet:start -->\s*```js\n([\s\S]*?)```\s*<!-- signature-snippet:end -->/.exec(doc);
  if (!block?.[1]) throw new Error("docs/webhooks.md has no signature snippet between its markers");
  const file = join(mkdtempSync(join(tmpdir(), "webhook-snippet-")), "verify.mjs");
  writeFileSync(file, block[1]);
  return ((await import(/* @vite-ignore */ pathToFileURL(file).href)) as { verifyPortalSignature: TVerify })
    .verifyPortalSignature;
};

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("outbound webhook delivery", () => {
  let admin: TActor;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let verify: TVerify;
  const gateway = createFakeGateway();
  let statementId: string;
  let payerUserId: string;

  const pay = async () =>
    (
      await payBill({
        payer: { kind: "patient", userId: payerUserId, email: DEMO.patient.email },
        input: {
          allocations: [{ statementId, amount: 100 as Cents }], // $1.00
          token: "tok_ok_visa_1111",
          methodKind: "CARD",
          idempotencyKey: randomUUID(),
        },
        context,
        gateway,
      })
    ).paymentId;
  const newEndpoint = async (eventTypes = ["payment.approved", "payment.refunded"]) =>
    createWebhookEndpoint({
      actor: admin,
      context,
      input: { url: receiver.url, eventTypes: eventTypes as never, enabled: true },
    });
  const deliveries = (endpointId: string) =>
    database.db.webhookDelivery.findMany({
      where: { endpointId },
      include: { attemptLog: { orderBy: { attemptedAt: "asc" } } },
      orderBy: { createdAt: "asc" },
    });
  const receivedIds = () => receiver.received.map((r) => (JSON.parse(r.body) as TEventBody).id);

  beforeAll(async () => {
    verify = await loadDocSnippet();
    receiver = await startReceiver();
    const a = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.admin.email } });
    admin = { userId: a.id, email: a.email, role: a.role, name: "Admin" };
    payerUserId = (await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } })).id;
    statementId = (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-1002" } }))
      .id;
  });

  afterAll(async () => {
    await receiver.stop();
    vi.unstubAllEnvs();
  });

  beforeEach(async () => {
    vi.stubEnv("WEBHOOK_ALLOWED_HOSTS", "127.0.0.1,localhost");
    vi.stubEnv("WEBHOOK_RETRY_SCHEDULE", "1s,1s,1s,1s,1s,1s,1s,1s,1s,1s");
    vi.stubEnv("WEBHOOK_RETRY_JITTER", "0");
    vi.stubEnv("WEBHOOK_TIMEOUT_MS", "10000");
    receiver.received.length = 0;
    receiver.state.mode = "up";
    await database.db.webhookEndpoint.deleteMany();
    await database.db.statement.update({ where: { id: statementId }, data: { balanceCents: 89000 } }); // $890.00
  });

  it("signs each delivery so the documented snippet verifies it, and records the posting", async () => {
    const { endpointId, secret } = await newEndpoint();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const stored = await database.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    expect(stored.secretCiphertext).not.toContain(secret.slice(6));
    const paymentId = await pay();
    await expect(drainWebhooks()).resolves.toMatchObject({ delivered: 1 });

    const [got] = receiver.received;
    const event = await database.db.integrationEvent.findFirstOrThrow({ where: { paymentId } });
    expect(got!.body).toBe(event.body);
    expect(got!.headers).toMatchObject({
      "content-type": "application/json",
      "portal-event-id": event.id,
      "portal-event-type": "payment.approved",
    });
    const header = got!.headers["portal-signature"] as string;
    expect(verify(header, got!.body, secret)).toBe(true);
    // A body changed on the way (another type, another amount) no longer verifies.
    expect(got!.body).toContain("payment.approved");
    expect(verify(header, got!.body.replace("payment.approved", "payment.declined"), secret)).toBe(false);
    expect(verify(header, got!.body.replace(/100([,}])/, "10000$1"), secret)).toBe(false);
    expect(verify(header, got!.body, "whsec_someone_else")).toBe(false);
    // An old delivery replayed after 5 minutes is refused by the snippet.
    const t = Number(/t=(\d+)/.exec(header)![1]);
    vi.setSystemTime((t + 301) * 1000);
    expect(verify(header, got!.body, secret)).toBe(false);
    vi.useRealTimers();

    const [delivery] = await deliveries(endpointId);
    expect(delivery).toMatchObject({ status: "DELIVERED", attempts: 1, lastStatusCode: 200 });
    expect(delivery!.attemptLog).toEqual([
      expect.objectContaining({ statusCode: 200, responseBody: '{"ok":true}', error: null }),
    ]);
    expect(await database.db.paymentPosting.findMany({ where: { paymentId } })).toEqual([
      expect.objectContaining({ channel: "WEBHOOK", reference: endpointId, detail: event.id }),
    ]);
  });

  it("the staff payment page's read names each posting: webhook URL, API key", async () => {
    const { endpointId } = await newEndpoint();
    const paymentId = await pay();
    await drainWebhooks();
    const { practiceId } = await database.db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    const apiKey = await createApiKey({
      practiceId,
      name: "PMS sync",
      scope: "read",
      actor: { kind: "command-line" },
    });
    await database.db.paymentPosting.create({
      data: { paymentId, channel: "API", reference: apiKey.id, detail: "evt_x" },
    });
    const payment = await getPaymentForStaffOrThrow({ practiceId, paymentId });
    expect(payment.postings.map((p) => [p.channel, p.target])).toEqual([
      ["WEBHOOK", receiver.url],
      ["API", `“PMS sync” (${apiKey.prefix}…)`],
    ]);
    await database.db.webhookEndpoint.delete({ where: { id: endpointId } });
    expect((await getPaymentForStaffOrThrow({ practiceId, paymentId })).postings[0]!.target).toBe(
      "a deleted endpoint",
    );
  });

  it("a receiver down for a while, then back: every event arrives, each with its one id, none lost", async () => {
    const { endpointId, secret } = await newEndpoint();
    receiver.state.mode = "error";
    const payments = [await pay(), await pay(), await pay()];
    await expect(drainWebhooks()).resolves.toMatchObject({ claimed: 3, retrying: 3 });
    await receiver.stop(); // then not even listening
    await wait(1100);
    await expect(drainWebhooks()).resolves.toMatchObject({ claimed: 3, retrying: 3 });
    payments.push(await pay());
    await receiver.start();
    receiver.state.mode = "up";
    await wait(1100);
    await expect(drainWebhooks()).resolves.toMatchObject({ claimed: 4, delivered: 4 });
    await wait(1100);
    await expect(drainWebhooks()).resolves.toMatchObject({ claimed: 0 });

    const events = await database.db.integrationEvent.findMany({ where: { paymentId: { in: payments } } });
    const delivered = receiver.received.filter((r) =>
      verify(r.headers["portal-signature"] as string, r.body, secret),
    );
    const firstTry = receiver.received.filter((r) => r.headers["portal-event-id"]);
    expect(new Set(receivedIds())).toEqual(new Set(events.map((e) => e.id)));
    expect(delivered.length).toBe(firstTry.length); // every try was signed
    const log = await deliveries(endpointId);
    expect(log.map((d) => d.status)).toEqual(["DELIVERED", "DELIVERED", "DELIVERED", "DELIVERED"]);
    const first = log[0]!.attemptLog;
    expect(first.map((a) => a.statusCode)).toEqual([503, null, 200]);
    expect(first[0]!.responseBody).toBe("down for maintenance");
    expect(first[1]!.error).toMatch(/ECONNREFUSED/);
    expect(first.every((a) => a.latencyMs >= 0)).toBe(true);
  });

  it("an answer slower than the timeout is a failed attempt; the schedule's end is FAILED; resend sends again", async () => {
    vi.stubEnv("WEBHOOK_TIMEOUT_MS", "300");
    vi.stubEnv("WEBHOOK_RETRY_SCHEDULE", "1s");
    const { endpointId } = await newEndpoint();
    receiver.state.mode = "slow";
    receiver.state.slowMs = 1000;
    await pay();
    await expect(drainWebhooks()).resolves.toMatchObject({ retrying: 1 });
    await wait(1100);
    await expect(drainWebhooks()).resolves.toMatchObject({ failed: 1 });
    let [delivery] = await deliveries(endpointId);
    expect(delivery).toMatchObject({ status: "FAILED", attempts: 2 });
    expect(delivery!.attemptLog.map((a) => a.error)).toEqual([
      "no answer within 300 ms",
      "no answer within 300 ms",
    ]);

    receiver.state.mode = "up";
    await resendWebhookDelivery({ actor: admin, context, endpointId, deliveryId: delivery!.id });
    await expect(drainWebhooks()).resolves.toMatchObject({ delivered: 1 });
    [delivery] = await deliveries(endpointId);
    expect(delivery).toMatchObject({ status: "DELIVERED", attempts: 1 });
    expect(delivery!.attemptLog).toHaveLength(3);
  });

  it("resends every failed delivery since a time, and only those", async () => {
    vi.stubEnv("WEBHOOK_RETRY_SCHEDULE", "1s");
    const { endpointId } = await newEndpoint();
    receiver.state.mode = "error";
    await pay();
    await pay();
    await drainWebhooks();
    await wait(1100);
    await expect(drainWebhooks()).resolves.toMatchObject({ failed: 2 });
    receiver.state.mode = "up";
    const other = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
    // Staff of the practice without the console are refused by the action's guard; here the use
    // case still scopes to the caller's practice, so a made-up endpoint is not found.
    await expect(
      resendFailedWebhooksSince({
        actor: { userId: other.id, email: other.email, role: other.role, name: "x" },
        context,
        endpointId: "nope",
        since: "2026-01-01T00:00",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      resendFailedWebhooksSince({ actor: admin, context, endpointId, since: "2099-01-01T00:00" }),
    ).resolves.toMatchObject({ resent: 0 });
    await expect(
      resendFailedWebhooksSince({ actor: admin, context, endpointId, since: "2020-01-01T00:00" }),
    ).resolves.toMatchObject({ resent: 2, held: false });
    await expect(drainWebhooks()).resolves.toMatchObject({ delivered: 2 });
    // Noon on the day New York moves its clocks forward is 16:00 UTC (EDT), not 17:00.
    await resendFailedWebhooksSince({ actor: admin, context, endpointId, since: "2026-03-08T12:00" });
    const audit = await database.db.auditLog.findFirstOrThrow({
      where: { action: "webhooks.failed_resent", targetId: endpointId },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.metadata).toMatchObject({ since: "2026-03-08T16:00:00.000Z" });
  });

  it("during a rotation both secrets sign; after 24 hours only the new one", async () => {
    const { endpointId, secret: old } = await newEndpoint();
    const { secret: fresh } = await rotateWebhookSecret({ actor: admin, context, endpointId });
    await pay();
    await drainWebhooks();
    const header = receiver.received[0]!.headers["portal-signature"] as string;
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verify(header, receiver.received[0]!.body, old)).toBe(true);
    expect(verify(header, receiver.received[0]!.body, fresh)).toBe(true);

    const clock = fixedClock(new Date(Date.now() + 24 * 3_600_000 + 1000));
    setClockForTests(clock);
    try {
      await pay();
      await drainWebhooks();
    } finally {
      setClockForTests(undefined);
    }
    const later = receiver.received[1]!.headers["portal-signature"] as string;
    expect(later.match(/v1=/g)).toHaveLength(1);
    vi.setSystemTime(clock.now());
    expect(verify(later, receiver.received[1]!.body, fresh)).toBe(true);
    expect(verify(later, receiver.received[1]!.body, old)).toBe(false);
    vi.useRealTimers();
  });

  it("only the event types an endpoint asked for; a disabled endpoint's deliveries wait until it is enabled", async () => {
    const { endpointId } = await newEndpoint(["payment.refunded"]);
    await pay();
    expect(await database.db.webhookDelivery.count({ where: { endpointId } })).toBe(0);
    await updateWebhookEndpoint({
      actor: admin,
      context,
      input: { endpointId, url: receiver.url, eventTypes: ["payment.approved"], enabled: false },
    });
    await pay();
    expect(await database.db.webhookDelivery.count({ where: { endpointId } })).toBe(1);
    await expect(drainWebhooks()).resolves.toMatchObject({ claimed: 0 });
    expect(receiver.received).toHaveLength(0);
    // A resend meanwhile is queued, and the admin is told it waits for the endpoint.
    const [waiting] = await deliveries(endpointId);
    await expect(
      resendWebhookDelivery({ actor: admin, context, endpointId, deliveryId: waiting!.id }),
    ).resolves.toMatchObject({ resent: 1, held: true });
    await expect(drainWebhooks()).resolves.toMatchObject({ claimed: 0 });
    await updateWebhookEndpoint({
      actor: admin,
      context,
      input: { endpointId, url: receiver.url, eventTypes: ["payment.approved"], enabled: true },
    });
    await expect(drainWebhooks()).resolves.toMatchObject({ delivered: 1 });
    expect(receiver.received).toHaveLength(1);
  });

  it("refuses a private address at save and at send unless the allow-list names its host", async () => {
    vi.stubEnv("WEBHOOK_ALLOWED_HOSTS", "");
    await expect(newEndpoint()).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { url: ["This URL must start with https://."] },
    });
    await expect(
      createWebhookEndpoint({
        actor: admin,
        context,
        input: { url: "https://127.0.0.1:9/hook", eventTypes: ["payment.approved"], enabled: true },
      }),
    ).rejects.toMatchObject({
      fieldErrors: { url: ["This URL resolves to a private or reserved address (127.0.0.1)."] },
    });

    vi.stubEnv("WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
    const { endpointId } = await newEndpoint();
    vi.stubEnv("WEBHOOK_ALLOWED_HOSTS", "");
    await pay();
    await drainWebhooks();
    expect(receiver.received).toHaveLength(0);
    const [delivery] = await deliveries(endpointId);
    expect(delivery!.attemptLog[0]!.error).toBe("URL must start with https://");
  });

  it("an endpoint failing for 3 days is disabled once, its admins are emailed; enabled, it gets what waited", async () => {
    vi.stubEnv("WEBHOOK_RETRY_SCHEDULE", "1d,1d,1d,1d");
    const { endpointId } = await newEndpoint();
    receiver.state.mode = "error";
    // The admins' email goes through a real SMTP server.
    const mail: { to: string[]; raw: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          mail.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`);
    resetEnvForTests();
    const start = new Date();
    const clock = fixedClock(start);
    setClockForTests(clock);
    try {
      await pay();
      for (let day = 0; day <= 4; day += 1) {
        clock.set(new Date(start.getTime() + day * 86_400_000 + 1000));
        await drainWebhooks();
      }
      const endpoint = await database.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
      expect(endpoint).toMatchObject({ isActive: false });
      expect(endpoint.disabledReason).toMatch(
        /^Every delivery failed since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/,
      );
      // Tries on days 0 to 3; none on day 4, once it was disabled.
      expect(receiver.received).toHaveLength(4);
      expect(mail.map((m) => m.to)).toEqual([[DEMO.admin.email]]);
      const text = mail[0]!.raw.replace(/=\r?\n/g, "");
      expect(text).toContain("a webhook endpoint was disabled");
      expect(text).toContain(receiver.url);

      // Enabled again (the receiver is back): what waited goes at once.
      receiver.state.mode = "up";
      await updateWebhookEndpoint({
        actor: admin,
        context,
        input: { endpointId, url: receiver.url, eventTypes: ["payment.approved"], enabled: true },
      });
      await expect(drainWebhooks()).resolves.toMatchObject({ delivered: 1 });
      expect(receiver.received).toHaveLength(5);
      expect(mail).toHaveLength(1);
    } finally {
      setClockForTests(undefined);
      vi.unstubAllEnvs();
      resetEnvForTests();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
