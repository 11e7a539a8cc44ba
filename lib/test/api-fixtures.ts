import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Small records for the API's tests, written directly (each with its own random numbers). */

const tag = () => randomBytes(4).toString("hex").toUpperCase();

export const makePractice = (db: PrismaClient, data: { name?: string } = {}) => {
  const clientId = `C${tag()}`;
  return db.practice.create({ data: { name: data.name ?? `Practice ${clientId}`, clientId } });
};

/** An admin of the practice, as the console's actions see one. */
export const makeAdmin = async (db: PrismaClient, practiceId: string) => {
  const email = `admin-${tag().toLowerCase()}@example.com`;
  const user = await db.user.create({
    data: {
      email,
      role: "ADMIN",
      practiceId,
      firstName: "Ada",
      lastName: "Admin",
      emailVerifiedAt: new Date(),
    },
  });
  return { kind: "staff", userId: user.id, email, role: "ADMIN" } as const;
};

export const makeAccount = (db: PrismaClient, practiceId: string, accountNumber = `A${tag()}`) =>
  db.account.create({
    data: { practiceId, accountNumber, guarantorFirstName: "Maria", guarantorLastName: "Lopez" },
  });

export const makeStatement = (
  db: PrismaClient,
  accountId: string,
  data: {
    number?: string;
    balanceCents?: number;
    status?: "OPEN" | "PARTIALLY_PAID" | "PAID" | "VOIDED";
  } = {},
) =>
  db.statement.create({
    data: {
      accountId,
      statementNumber: data.number ?? `S-${tag()}`,
      statementDate: new Date("2026-11-30T00:00:00Z"),
      status: data.status ?? "OPEN",
      amountDueCents: data.balanceCents ?? 12540, // $125.40
      balanceCents: data.balanceCents ?? 12540,
      totalChargesCents: 30000, // $300.00
      insurancePaidCents: 17460, // $174.60
      patientFirstName: "Maria",
      patientLastName: "Lopez",
      patientDob: new Date("1984-03-09T00:00:00Z"),
    },
  });

/** A card payment of the account on one statement, last changed `updatedAt` (a minute ago by default). */
export const makePayment = async (
  db: PrismaClient,
  {
    practiceId,
    accountId,
    statementId,
    amountCents = 5000, // $50.00
    status = "CAPTURED",
    channel = "WEB",
    updatedAt = new Date(Date.now() - 60_000),
  }: {
    practiceId: string;
    accountId: string;
    statementId: string;
    amountCents?: number;
    status?: "PENDING" | "CAPTURED" | "SETTLED" | "DECLINED" | "REFUNDED";
    channel?: "WEB" | "AUTOPAY" | "PLAN" | "STAFF_PHONE";
    updatedAt?: Date;
  },
) => {
  const id = `pay_${tag()}${tag()}`;
  await db.payment.create({
    data: {
      id,
      practiceId,
      accountId,
      channel,
      status,
      amountCents,
      idempotencyKey: `key-${id}`,
      receiptNumber: `R-${id}`,
      gatewayTransactionId: `txn_${id}`,
      authorizationCode: "A1B2C3",
      methodKind: "CARD",
      brand: "visa",
      last4: "4242",
      capturedAt: updatedAt,
      allocations: { create: { statementId, amountCents } },
    },
  });
  // @updatedAt is set by Prisma on create; the lists order by it, so it is set as asked.
  await db.$executeRaw`UPDATE "payment" SET "updatedAt" = ${updatedAt}::timestamptz, "createdAt" = ${updatedAt}::timestamptz WHERE id = ${id}`;
  return db.payment.findUniqueOrThrow({ where: { id } });
};

/** An integration event as the events code writes one (the body is the exact JSON sent). */
export const makeEvent = async (
  db: PrismaClient,
  {
    practiceId,
    type = "payment.approved",
    paymentId = null,
    createdAt = new Date(Date.now() - 60_000),
    data = {},
  }: {
    practiceId: string;
    type?: string;
    paymentId?: string | null;
    createdAt?: Date;
    data?: Record<string, unknown>;
  },
) => {
  const id = `evt_${tag()}${tag()}`;
  const body = JSON.stringify({
    id,
    type,
    created: createdAt.toISOString(),
    api_version: "2026-12-01",
    data,
  });
  const [row] = await db.$queryRaw<{ seq: bigint }[]>`
    INSERT INTO "integration_event" (id, "practiceId", type, "apiVersion", "paymentId", body, "createdAt")
    VALUES (${id}, ${practiceId}, ${type}, '2026-12-01', ${paymentId}, ${body}, ${createdAt}::timestamptz)
    RETURNING seq`;
  return { id, seq: row!.seq, body: JSON.parse(body) as Record<string, unknown> };
};

/** A monthly plan of the account over one statement, with its installments. */
export const makePlan = async (
  db: PrismaClient,
  {
    accountId,
    statementId,
    updatedAt = new Date(Date.now() - 60_000),
  }: { accountId: string; statementId: string; updatedAt?: Date },
) => {
  const method = await db.paymentMethod.create({
    data: { accountId, kind: "CARD", gatewayToken: `tok_${tag()}${tag()}`, brand: "visa", last4: "4242" },
  });
  const plan = await db.paymentPlan.create({
    data: {
      accountId,
      paymentMethodId: method.id,
      totalCents: 12000, // $120.00
      installmentCents: 4000, // $40.00
      installmentCount: 3,
      frequency: "MONTHLY",
      dayOfMonth: 15,
      startDate: new Date("2026-12-15T00:00:00Z"),
      agreementText: "I agree.",
      agreementVersion: "1",
      agreedAt: new Date(),
      statements: { create: { statementId } },
      installments: {
        create: [1, 2, 3].map((sequence) => ({
          sequence,
          dueDate: new Date(Date.UTC(2026, 10 + sequence, 15)),
          amountCents: 4000, // $40.00
        })),
      },
    },
  });
  await db.$executeRaw`UPDATE "payment_plan" SET "updatedAt" = ${updatedAt}::timestamptz WHERE id = ${plan.id}`;
  return plan;
};
