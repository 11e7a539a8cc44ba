import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterAll, expect, it, vi } from "vitest";
import type { TEventBody } from "@/lib/events/emit";
import { createFakeGateway } from "@/lib/gateway/fake";
import type { Cents } from "@/lib/money";
import { payBill } from "@/lib/payments/pay-bill";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";
import { drainWebhooks } from "@/lib/webhooks/deliver";
import { createWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { startReceiver } from "@/lib/test/webhook-receiver";

const database = setupTestDatabase({ seed: true });
const LEASE_MS = 2000;

afterAll(() => vi.unstubAllEnvs());

// The portal's sender is killed (SIGKILL) while the receiver holds its request: the delivery
// stays claimed until its lease ends, then another run delivers it, with the same event id.
it(
  "a sender killed mid-delivery: the next run after the lease delivers the same event",
  { timeout: 60_000 },
  async () => {
    if (database.target.kind !== "postgres")
      throw new Error("needs PostgreSQL: two processes share the database");
    vi.stubEnv("WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
    const receiver = await startReceiver();
    try {
      const admin = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.admin.email } });
      const { endpointId } = await createWebhookEndpoint({
        actor: { userId: admin.id, email: admin.email, role: admin.role, name: "Admin" },
        context: requestFrom("203.0.113.63"),
        input: { url: receiver.url, eventTypes: ["payment.approved"], enabled: true },
      });
      const patient = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
      const statement = await database.db.statement.findUniqueOrThrow({
        where: { statementNumber: "ST-1002" },
      });
      const { paymentId } = await payBill({
        payer: { kind: "patient", userId: patient.id, email: patient.email },
        input: {
          allocations: [{ statementId: statement.id, amount: 2500 as Cents }], // $25.00
          token: "tok_ok_visa_1111",
          methodKind: "CARD",
          idempotencyKey: randomUUID(),
        },
        context: requestFrom("203.0.113.63"),
        gateway: createFakeGateway(),
      });
      const event = await database.db.integrationEvent.findFirstOrThrow({ where: { paymentId } });

      receiver.state.mode = "hang";
      const arrived = new Promise<void>((resolve) => (receiver.state.onRequest = resolve));
      const child = fork(join(process.cwd(), "lib/test/webhook-sender-child.ts"), {
        execArgv: ["--import", "./scripts/server-only.mjs", "--import", "tsx"],
        env: {
          ...process.env,
          DATABASE_URL: database.target.url,
          WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
          LEASE_MS: String(LEASE_MS),
          NODE_ENV: "test",
        },
        stdio: "inherit",
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on("exit", (_code, signal) => resolve(signal)),
      );
      await arrived;
      child.kill("SIGKILL");
      await expect(exited).resolves.toBe("SIGKILL");
      receiver.state.mode = "up";

      // Claimed by the dead sender: not taken again before the lease ends, nor counted as an attempt.
      await expect(drainWebhooks()).resolves.toMatchObject({ claimed: 0 });
      const held = await database.db.webhookDelivery.findFirstOrThrow({ where: { endpointId } });
      expect(held).toMatchObject({ status: "PENDING", attempts: 0 });
      expect(held.claimedUntil).toBeInstanceOf(Date);

      await new Promise((r) => setTimeout(r, LEASE_MS + 200));
      await expect(drainWebhooks()).resolves.toMatchObject({ claimed: 1, delivered: 1 });
      const ids = receiver.received.map((r) => (JSON.parse(r.body) as TEventBody).id);
      expect(ids).toEqual([event.id, event.id]);
      await expect(
        database.db.webhookDelivery.findFirstOrThrow({ where: { endpointId } }),
      ).resolves.toMatchObject({
        status: "DELIVERED",
        attempts: 1,
      });
    } finally {
      await receiver.stop();
    }
  },
);
