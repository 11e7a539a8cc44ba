import { beforeAll, describe, expect, it, vi } from "vitest";
import type { TActor } from "@/lib/auth/session";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  resendFailedWebhooksSince,
  resendWebhookDelivery,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "@/lib/webhooks/endpoints";
import { getWebhookEndpointOrThrow, listWebhookEndpoints } from "@/lib/webhooks/queries";
import { openSecret } from "@/lib/webhooks/secret-box";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.64");

describe("webhook endpoints: another practice's admin", () => {
  let admin: TActor;
  let stranger: TActor;
  let endpointId: string;
  let practiceId: string;

  beforeAll(async () => {
    vi.stubEnv("WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
    const a = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.admin.email } });
    admin = { userId: a.id, email: a.email, role: a.role, name: "Admin" };
    practiceId = (
      await database.db.practice.findFirstOrThrow({ where: { clientId: DEMO.practice.clientId } })
    ).id;
    const other = await database.db.practice.create({
      data: { name: "Elsewhere Clinic", clientId: "ELSE01" },
    });
    const s = await database.db.user.create({
      data: {
        email: "admin@elsewhere.example",
        role: "ADMIN",
        practiceId: other.id,
        firstName: "O",
        lastName: "A",
      },
    });
    stranger = { userId: s.id, email: s.email, role: s.role, name: "Other admin" };
    ({ endpointId } = await createWebhookEndpoint({
      actor: admin,
      context,
      input: { url: "http://127.0.0.1:9/hook", eventTypes: ["payment.approved"], enabled: true },
    }));
  });

  it("finds nothing of it: every read and change is the same NOT_FOUND as a missing endpoint", async () => {
    const notFound = { code: "NOT_FOUND" };
    const strangerPractice = (await database.db.user.findUniqueOrThrow({ where: { id: stranger.userId } }))
      .practiceId!;
    await expect(listWebhookEndpoints({ practiceId: strangerPractice })).resolves.toEqual([]);
    await expect(
      getWebhookEndpointOrThrow({ practiceId: strangerPractice, endpointId }),
    ).rejects.toMatchObject(notFound);
    const input = {
      endpointId,
      url: "http://127.0.0.1:9/x",
      eventTypes: ["plan.created" as const],
      enabled: false,
    };
    await expect(updateWebhookEndpoint({ actor: stranger, context, input })).rejects.toMatchObject(notFound);
    await expect(rotateWebhookSecret({ actor: stranger, context, endpointId })).rejects.toMatchObject(
      notFound,
    );
    await expect(deleteWebhookEndpoint({ actor: stranger, context, endpointId })).rejects.toMatchObject(
      notFound,
    );
    await expect(
      resendWebhookDelivery({ actor: stranger, context, endpointId, deliveryId: "x" }),
    ).rejects.toMatchObject(notFound);
    await expect(
      resendFailedWebhooksSince({ actor: stranger, context, endpointId, since: "2026-01-01T00:00" }),
    ).rejects.toMatchObject(notFound);
    // Its own practice's admin still has it, unchanged.
    await expect(getWebhookEndpointOrThrow({ practiceId, endpointId })).resolves.toMatchObject({
      url: "http://127.0.0.1:9/hook",
      isActive: true,
      eventTypes: ["payment.approved"],
    });
  });

  it("a rotation keeps the old secret for 24 hours, and every change is audited", async () => {
    const before = await database.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    const rotated = await rotateWebhookSecret({ actor: admin, context, endpointId });
    const after = await database.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    expect(openSecret(after.secretCiphertext)).toBe(rotated.secret);
    expect(after.previousSecretCiphertext).toBe(before.secretCiphertext);
    expect(after.previousSecretUntil!.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    const audit = await database.db.auditLog.findMany({
      where: { targetId: endpointId },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["webhooks.endpoint_created", "webhooks.secret_rotated"]);
    expect(JSON.stringify(audit)).not.toContain(rotated.secret);
  });
});
