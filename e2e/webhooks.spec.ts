import type { APIRequestContext, Page } from "@playwright/test";
import { signWebhook } from "@/lib/gateway/signature";
import { DEMO, expect, test, type TestDb } from "./support/fixtures";
import { lookUpStatement } from "./support/guest";
import { E2E_SECRETS, PORTS } from "./support/ports";
import { TEST_CARDS } from "./support/test-numbers";

// Gateway webhooks against the built server: who may sign them, and what a signed one may change.

const gatewayApi = `http://localhost:${PORTS.gateway}`;
const auth = { authorization: `Bearer ${E2E_SECRETS.gatewayApiKey}` };

/** A guest pays a fresh copy of ST-1001 in full with `card`; the payment's row and the gateway's record. */
const guestPays = async (page: Page, statementNumber: string, card: string) => {
  await page.goto("/guest");
  await lookUpStatement(page, { statementNumber, dob: DEMO.guest.dob });
  await page.goto("/guest/pay");
  const frame = page.frameLocator('iframe[title^="Card details"]');
  await frame.getByLabel("Card number").fill(card);
  await frame.getByLabel("Expiration date").fill("12/30");
  await frame.getByLabel("Security code (CVV)").fill("123");
  await frame.getByLabel("Billing ZIP code").fill("19103");
  await page.getByRole("button", { name: "Review payment" }).click();
  await page.getByRole("button", { name: "Pay $125.40" }).click();
};

const paymentOf = async (db: TestDb, statementId: string) => {
  const { rows } = await db.query<{ id: string; status: string; gatewayTransactionId: string }>(
    `SELECT p.id, p.status, p."gatewayTransactionId" FROM payment p
       JOIN payment_allocation a ON a."paymentId" = p.id WHERE a."statementId" = $1`,
    [statementId],
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
};

const balanceOf = async (db: TestDb, statementId: string) =>
  (
    await db.query<{ balanceCents: number }>(`SELECT "balanceCents" FROM statement WHERE id = $1`, [
      statementId,
    ])
  ).rows[0]!.balanceCents;

/** The gateway's own record of a payment (snake_case, as events carry it). */
const gatewayPayment = async (request: APIRequestContext, id: string) => {
  const response = await request.get(`${gatewayApi}/v1/payments/${id}`, { headers: auth });
  expect(response.ok()).toBe(true);
  return (await response.json()) as Record<string, unknown>;
};

const deliver = (request: APIRequestContext, event: object, secret: string) => {
  const body = JSON.stringify(event);
  return request.post("/api/webhooks/gateway", {
    headers: {
      "content-type": "application/json",
      "gateway-signature": signWebhook({ body, secret, timestamp: Math.floor(Date.now() / 1000) }),
    },
    data: body,
  });
};

const event = (type: string, payment: Record<string, unknown>) => ({
  id: `evt_forged_${crypto.randomUUID()}`,
  type,
  created_at: new Date().toISOString(),
  data: { payment },
});

test("an event signed with the sandbox's published secret is refused, and changes nothing", async ({
  page,
  request,
  db,
}) => {
  const statement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-WHK");
  await guestPays(page, statement.statementNumber, TEST_CARDS.declined);
  await expect(page.getByText(/Your card was declined/)).toBeVisible();
  const payment = await paymentOf(db, statement.id);
  expect(payment.status).toBe("DECLINED");

  const approved = { ...(await gatewayPayment(request, payment.gatewayTransactionId)), status: "approved" };
  const response = await deliver(request, event("payment.approved", approved), "whsec_sandbox_portal");
  expect(response.status()).toBe(400);
  expect((await paymentOf(db, statement.id)).status).toBe("DECLINED");
  expect(await balanceOf(db, statement.id)).toBe(12540); // $125.40 still owed
});

test("even a correctly signed event cannot approve a declined payment or return a card payment", async ({
  page,
  request,
  db,
}) => {
  // A declined payment, "approved" by an event signed with the real secret (a leaked secret).
  const declinedStatement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-WHK");
  await guestPays(page, declinedStatement.statementNumber, TEST_CARDS.declined);
  await expect(page.getByText(/Your card was declined/)).toBeVisible();
  const declined = await paymentOf(db, declinedStatement.id);
  const forgedApproval = {
    ...(await gatewayPayment(request, declined.gatewayTransactionId)),
    status: "approved",
  };
  const approval = await deliver(
    request,
    event("payment.approved", forgedApproval),
    E2E_SECRETS.gatewayWebhookSecret,
  );
  expect(approval.status()).toBe(200);
  expect((await paymentOf(db, declinedStatement.id)).status).toBe("DECLINED");
  expect(await balanceOf(db, declinedStatement.id)).toBe(12540);

  // A settled card payment, "returned" by its bank.
  const paidStatement = await db.cloneStatement(DEMO.guest.statementNumber, "ST-WHK");
  await page.context().clearCookies();
  await guestPays(page, paidStatement.statementNumber, TEST_CARDS.visa);
  await expect(page.getByText("Approved").first()).toBeVisible();
  const paid = await paymentOf(db, paidStatement.id);
  const settled = await request.post(`${gatewayApi}/v1/settlements`, {
    headers: { ...auth, "idempotency-key": crypto.randomUUID() },
    data: {},
  });
  expect(settled.ok()).toBe(true);
  const forgedReturn = {
    ...(await gatewayPayment(request, paid.gatewayTransactionId)),
    status: "returned",
    returned_at: new Date().toISOString(),
    return_code: "R01",
  };
  const returned = await deliver(
    request,
    event("payment.returned", forgedReturn),
    E2E_SECRETS.gatewayWebhookSecret,
  );
  expect(returned.status()).toBe(200);
  await expect.poll(async () => (await paymentOf(db, paidStatement.id)).status).toBe("SETTLED");
  expect(await balanceOf(db, paidStatement.id)).toBe(0); // nothing owed again
});
