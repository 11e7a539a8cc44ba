import "server-only";
import { getDb } from "@/lib/db";
import { recordAudit, type TAuditActor } from "@/lib/audit/record";
import { AppError, notFoundError } from "@/lib/errors";
import { getGateway, type TGateway, isGatewayError } from "@/lib/gateway";
import type { TGatewayStoredMethod } from "@/lib/gateway/types";
import type { TRequestContext } from "@/lib/request-context";
import { declineMessage } from "@/lib/payments/decline-messages";
import { velocityKeys, withinCardVelocity } from "@/lib/rate-limit/card-velocity";
import { STAFF_CHARGE_CONSENT } from "@/lib/wallet/consent";
import type { TAddMethodInput } from "@/lib/wallet/schemas";

export type TWalletOwner = { userId: string; email: string };

const actorOf = (owner: TWalletOwner): TAuditActor => ({
  kind: "user",
  userId: owner.userId,
  role: "PATIENT",
  label: owner.email,
});

/** A method of the owner's wallet that is still there; anyone else's is "not found", like a missing one. */
export const findOwnMethod = async (owner: { userId: string }, methodId: string) => {
  const db = await getDb();
  const method = await db.paymentMethod.findFirst({
    where: { id: methodId, userId: owner.userId, removedAt: null },
  });
  if (!method) throw notFoundError("payment method");
  return method;
};

/** The gateway refused or failed: say what the patient can do, never the gateway's words. */
const walletGatewayError = (error: unknown): never => {
  if (!isGatewayError(error)) throw error;
  if (error.code === "CARD_DECLINED") {
    throw new AppError("CARD_DECLINED", {
      message: `store declined ${error.gatewayCode}`,
      userMessage: `${declineMessage(error.declineCode)} It was not saved.`,
    });
  }
  if (error.code === "INVALID_TOKEN") {
    throw new AppError("VALIDATION", {
      message: error.message,
      userMessage: "Your card or bank details expired. Please enter them again.",
    });
  }
  throw new AppError("GATEWAY_UNAVAILABLE", {
    message: error.message,
    userMessage:
      "We couldn't reach the payment processor. Nothing was changed; please try again in a moment.",
  });
};

/** The portal's row for a vault entry: display facts and the gateway's id, never a number. */
const methodData = (stored: TGatewayStoredMethod) => ({
  kind: stored.kind === "ach" ? ("ACH" as const) : ("CARD" as const),
  gatewayToken: stored.id,
  brand: stored.kind === "card" ? stored.brand : null,
  last4: stored.last4,
  expMonth: stored.expMonth,
  expYear: stored.expYear,
  bankName: stored.bankName,
  bankAccountType:
    stored.bankAccountType === "checking"
      ? ("CHECKING" as const)
      : stored.bankAccountType === "savings"
        ? ("SAVINGS" as const)
        : null,
  billingZip: stored.billingZip,
  fingerprint: stored.fingerprint,
});

/**
 * Keeps a method the gateway has stored (after a payment with "save for future payments", or
 * from the wallet's add form) in the owner's wallet. The first method becomes the default.
 * The same vault entry twice is one method.
 */
export const keepStoredMethod = async ({
  owner,
  stored,
  holderName,
  nickname = null,
  makeDefault = false,
  context,
}: {
  owner: TWalletOwner;
  stored: TGatewayStoredMethod;
  holderName: string | null;
  nickname?: string | null;
  makeDefault?: boolean;
  context: TRequestContext;
}) => {
  const db = await getDb();
  const method = await db.$transaction(async (tx) => {
    const existing = await tx.paymentMethod.findUnique({ where: { gatewayToken: stored.id } });
    if (existing) {
      if (existing.userId !== owner.userId) throw notFoundError("payment method");
      return existing;
    }
    const others = await tx.paymentMethod.count({ where: { userId: owner.userId, removedAt: null } });
    const isDefault = makeDefault || others === 0;
    if (isDefault) {
      await tx.paymentMethod.updateMany({
        where: { userId: owner.userId, isDefault: true },
        data: { isDefault: false },
      });
    }
    return tx.paymentMethod.create({
      data: { ...methodData(stored), userId: owner.userId, holderName, nickname, isDefault },
    });
  });
  await recordAudit({
    actor: actorOf(owner),
    action: "wallet.method_added",
    target: { type: "PaymentMethod", id: method.id },
    context,
    metadata: { kind: method.kind, last4: method.last4, isDefault: method.isDefault },
  });
  return method;
};

/** The wallet's add form: the hosted fields' single-use token becomes a stored method at the gateway. */
export const addMethod = async ({
  owner,
  input,
  context,
  gateway = getGateway(),
}: {
  owner: TWalletOwner;
  input: TAddMethodInput;
  context: TRequestContext;
  gateway?: TGateway;
}) => {
  // A card's $0 verification is a way to test stolen cards too: the same limits as paying.
  const stored = await withinCardVelocity({
    keys: velocityKeys({ userId: owner.userId, statementIds: [], context }),
    attempt: (track) => {
      track.sent = true;
      return gateway
        .storePaymentMethod({ token: input.token, idempotencyKey: input.idempotencyKey })
        .catch(walletGatewayError);
    },
  });
  const method = await keepStoredMethod({
    owner,
    stored,
    holderName: input.holderName,
    nickname: input.nickname,
    makeDefault: input.makeDefault,
    context,
  });
  return { methodId: method.id };
};

export const setDefaultMethod = async ({
  owner,
  methodId,
  context,
}: {
  owner: TWalletOwner;
  methodId: string;
  context: TRequestContext;
}) => {
  const method = await findOwnMethod(owner, methodId);
  const db = await getDb();
  await db.$transaction([
    db.paymentMethod.updateMany({
      where: { userId: owner.userId, isDefault: true, NOT: { id: method.id } },
      data: { isDefault: false },
    }),
    db.paymentMethod.update({ where: { id: method.id }, data: { isDefault: true } }),
  ]);
  await recordAudit({
    actor: actorOf(owner),
    action: "wallet.default_set",
    target: { type: "PaymentMethod", id: method.id },
    context,
  });
};

export const renameMethod = async ({
  owner,
  methodId,
  nickname,
  context,
}: {
  owner: TWalletOwner;
  methodId: string;
  nickname: string | null;
  context: TRequestContext;
}) => {
  const method = await findOwnMethod(owner, methodId);
  const db = await getDb();
  await db.paymentMethod.update({ where: { id: method.id }, data: { nickname } });
  await recordAudit({
    actor: actorOf(owner),
    action: "wallet.method_renamed",
    target: { type: "PaymentMethod", id: method.id },
    context,
    metadata: { from: method.nickname, to: nickname },
  });
};

/** A card's new expiry (a renewed card keeps its number), at the gateway and here. */
export const updateMethodExpiry = async ({
  owner,
  methodId,
  expMonth,
  expYear,
  idempotencyKey,
  context,
  gateway = getGateway(),
}: {
  owner: TWalletOwner;
  methodId: string;
  expMonth: number;
  expYear: number;
  idempotencyKey: string;
  context: TRequestContext;
  gateway?: TGateway;
}) => {
  const method = await findOwnMethod(owner, methodId);
  if (method.kind !== "CARD") {
    throw new AppError("VALIDATION", { userMessage: "Only a card has an expiry date." });
  }
  const stored = await gateway
    .updatePaymentMethod({ methodId: method.gatewayToken, expMonth, expYear, idempotencyKey })
    .catch((error: unknown) => {
      if (isGatewayError(error) && error.code === "INVALID_REQUEST") {
        throw new AppError("VALIDATION", {
          message: error.message,
          userMessage: "That expiry date can't be right: it is in the past or too far ahead.",
        });
      }
      return walletGatewayError(error);
    });
  const db = await getDb();
  await db.paymentMethod.update({
    where: { id: method.id },
    data: { expMonth: stored.expMonth, expYear: stored.expYear },
  });
  await recordAudit({
    actor: actorOf(owner),
    action: "wallet.expiry_updated",
    target: { type: "PaymentMethod", id: method.id },
    context,
    metadata: { from: [method.expMonth, method.expYear], to: [stored.expMonth, stored.expYear] },
  });
};

/** Where a method is still needed: active payment plans and autopay enrolments. */
export const methodUsage = async (methodId: string) => {
  const db = await getDb();
  const [plans, autopay] = await Promise.all([
    db.paymentPlan.findMany({
      where: { paymentMethodId: methodId, status: "ACTIVE" },
      select: { account: { select: { accountNumber: true } } },
    }),
    db.autopayEnrollment.findMany({
      where: { paymentMethodId: methodId, status: "ACTIVE" },
      select: { account: { select: { accountNumber: true } } },
    }),
  ]);
  return {
    planAccounts: plans.map((p) => p.account.accountNumber),
    autopayAccounts: autopay.map((a) => a.account.accountNumber),
  };
};

const inUseMessage = ({ planAccounts, autopayAccounts }: Awaited<ReturnType<typeof methodUsage>>) => {
  const places = [
    ...planAccounts.map((a) => `the payment plan for account ${a}`),
    ...autopayAccounts.map((a) => `autopay for account ${a}`),
  ];
  return `This method pays ${places.join(" and ")}. Choose another method there first, then remove this one.`;
};

/**
 * Removes a method from the wallet and from the gateway's vault, unless an active plan or
 * autopay still charges it (the message says where). If it was the default, the newest
 * remaining method becomes the default. Past payments keep showing it (brand and last 4).
 */
export const removeMethod = async ({
  owner,
  methodId,
  idempotencyKey,
  context,
  gateway = getGateway(),
}: {
  owner: TWalletOwner;
  methodId: string;
  idempotencyKey: string;
  context: TRequestContext;
  gateway?: TGateway;
}) => {
  const method = await findOwnMethod(owner, methodId);
  const usage = await methodUsage(method.id);
  if (usage.planAccounts.length + usage.autopayAccounts.length > 0) {
    throw new AppError("METHOD_IN_USE", { userMessage: inUseMessage(usage) });
  }
  await gateway
    .deletePaymentMethod({ methodId: method.gatewayToken, idempotencyKey })
    .catch(walletGatewayError);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await tx.paymentMethod.update({
      where: { id: method.id },
      data: { removedAt: new Date(), isDefault: false, staffChargeConsentAt: null },
    });
    if (method.isDefault) {
      const next = await tx.paymentMethod.findFirst({
        where: { userId: owner.userId, removedAt: null },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { id: true },
      });
      if (next) await tx.paymentMethod.update({ where: { id: next.id }, data: { isDefault: true } });
    }
  });
  await recordAudit({
    actor: actorOf(owner),
    action: "wallet.method_removed",
    target: { type: "PaymentMethod", id: method.id },
    context,
    metadata: { kind: method.kind, last4: method.last4 },
  });
};

/** Grants or withdraws billing staff's permission to charge this method, with the wording's version. */
export const setStaffChargeConsent = async ({
  owner,
  methodId,
  consent,
  context,
}: {
  owner: TWalletOwner;
  methodId: string;
  consent: boolean;
  context: TRequestContext;
}) => {
  const method = await findOwnMethod(owner, methodId);
  const db = await getDb();
  await db.paymentMethod.update({
    where: { id: method.id },
    data: consent
      ? { staffChargeConsentAt: new Date(), staffChargeConsentVersion: STAFF_CHARGE_CONSENT.version }
      : { staffChargeConsentAt: null, staffChargeConsentVersion: null },
  });
  await recordAudit({
    actor: actorOf(owner),
    action: consent ? "wallet.staff_consent_given" : "wallet.staff_consent_withdrawn",
    target: { type: "PaymentMethod", id: method.id },
    context,
    metadata: consent
      ? { version: STAFF_CHARGE_CONSENT.version, text: STAFF_CHARGE_CONSENT.text }
      : undefined,
  });
};
