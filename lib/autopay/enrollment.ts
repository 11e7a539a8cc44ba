import "server-only";
import { tellMemberOfCancellation } from "@/lib/access/tell-member";
import { accountsWhere } from "@/lib/access/rule";
import { emitAutopayEvent } from "@/lib/events/plan-and-autopay-events";
import { auditActorOf, type TActingPatient, type TActingUser } from "@/lib/audit/actor";
import { recordAudit, type TAuditActor } from "@/lib/audit/record";
import { getClock } from "@/lib/clock";
import { todayInZone } from "@/lib/dates";
import { getDb } from "@/lib/db";
import type { EnrollmentSource, Prisma } from "@/lib/generated/prisma/client";
import { AppError, notFoundError } from "@/lib/errors";
import { getGateway, type TGateway } from "@/lib/gateway";
import type { TRequestContext } from "@/lib/request-context";
import { autopayConsentLocale, autopayConsentText } from "@/lib/autopay/consent";
import type { TChangeAutopayInput, TEnrollAutopayInput } from "@/lib/autopay/schemas";
import { expiryState } from "@/lib/saved-methods/expiry";
import { walletMethodLabel } from "@/lib/method-label";
import { forgetUnlessKept, keepNewMethodIn, verifyNewMethod } from "@/lib/saved-methods/new-method";
import { findOwnMethod } from "@/lib/saved-methods/owner";

const invalid = (userMessage: string, fieldErrors?: Record<string, string[]>) =>
  new AppError("VALIDATION", { userMessage, ...(fieldErrors ? { fieldErrors } : {}) });

const PRACTICE = {
  select: { name: true, timeZone: true, autopayDaysAfterStatement: true, autopayReminderDays: true },
} as const;

/** One of the patient's linked accounts; another's, like a missing one, is "not found". */
const ownAccount = async (userId: string, accountId: string) => {
  const db = await getDb();
  const account = await db.account.findFirst({
    where: { id: accountId, ...accountsWhere({ userId, need: "manage" }) },
    select: { id: true, accountNumber: true, practice: PRACTICE },
  });
  if (!account) throw notFoundError("account");
  return account;
};

/**
 * An enrolment the actor may act on: for a patient, any on an account still linked to them (their
 * own, another linked person's, or the practice's from an enrolment file: each of them may turn
 * it off or give it new terms); for staff (`plans.manage`, checked by the action), any on an
 * account of their practice. Anyone else's is "not found".
 */
export const enrollmentFor = async (actor: TActingUser, enrollmentId: string) => {
  const db = await getDb();
  const enrollment = await db.autopayEnrollment.findFirst({
    where: {
      id: enrollmentId,
      account:
        actor.kind === "patient"
          ? accountsWhere({ userId: actor.userId, need: "manage" })
          : { practiceId: actor.practiceId },
    },
    include: { account: { select: { id: true, accountNumber: true, practiceId: true, practice: PRACTICE } } },
  });
  if (!enrollment) throw notFoundError("autopay enrolment");
  return enrollment;
};

type TTx = Prisma.TransactionClient;

/** Locks the account's row: one active enrolment per account, checked and written under it. */
export const lockAccount = (tx: TTx, accountId: string) =>
  tx.$queryRaw`SELECT id FROM "account" WHERE id = ${accountId} FOR UPDATE`;

/** The account's active enrolment with its terms, if any. */
export const activeEnrollmentOf = (tx: TTx, accountId: string) =>
  tx.autopayEnrollment.findFirst({
    where: { accountId, status: "ACTIVE" },
    select: { id: true, paymentMethodId: true, limitCents: true, consentVersion: true, consentedAt: true },
  });

/**
 * Puts an account with no active enrolment on autopay with these terms and the consent that
 * covers them, and records `autopay.enrolled` (with `auditMetadata` after the terms) in the audit
 * log and as an integration event (docs/webhooks.md). The caller
 * holds the account's lock and has checked that nothing is active.
 */
export const startEnrollment = async (
  tx: TTx,
  {
    accountId,
    userId,
    paymentMethodId,
    limitCents,
    source,
    consent,
    consentedAt,
    consentIp,
    actor,
    context,
    auditMetadata,
  }: {
    accountId: string;
    /** The patient who gave the terms; none for a practice's file. */
    userId?: string;
    paymentMethodId: string;
    limitCents: number;
    source: EnrollmentSource;
    consent: { text: string; version: string };
    consentedAt: Date;
    consentIp: string | null;
    actor: TAuditActor;
    context?: TRequestContext;
    auditMetadata?: Record<string, Prisma.InputJsonValue>;
  },
) => {
  const enrollment = await tx.autopayEnrollment.create({
    data: {
      accountId,
      userId,
      paymentMethodId,
      limitCents,
      source,
      consentText: consent.text,
      consentVersion: consent.version,
      consentedAt,
      consentIp,
    },
    select: { id: true },
  });
  await recordAudit(
    {
      actor,
      action: "autopay.enrolled",
      target: { type: "AutopayEnrollment", id: enrollment.id },
      context,
      metadata: { accountId, paymentMethodId, limitCents, consentVersion: consent.version, ...auditMetadata },
    },
    tx,
  );
  await emitAutopayEvent(tx, { enrollmentId: enrollment.id, type: "autopay.enrolled" });
  return enrollment.id;
};

/**
 * New terms for an active enrolment: method, limit and the consent that covers them (text,
 * version, time, IP). Statements found over the old limit are looked at again with the new one
 * on the next run; statements already planned keep their dates. False: it is not active.
 */
export const changeEnrollmentTerms = async (
  tx: TTx,
  {
    enrollmentId,
    paymentMethodId,
    limitCents,
    consent,
    consentedAt,
    consentIp,
    source,
    userId,
  }: {
    enrollmentId: string;
    paymentMethodId: string;
    limitCents: number;
    consent: { text: string; version: string };
    consentedAt: Date;
    consentIp: string | null;
    /** Who gave the new terms, when it changes (an enrolment file's replace a patient's). */
    source?: EnrollmentSource;
    /** The patient who gave them, when it changes (one person's terms replace another's). */
    userId?: string;
  },
) => {
  const changed = await tx.autopayEnrollment.updateMany({
    where: { id: enrollmentId, status: "ACTIVE" },
    data: {
      paymentMethodId,
      limitCents,
      consentText: consent.text,
      consentVersion: consent.version,
      consentedAt,
      consentIp,
      ...(source ? { source } : {}),
      ...(userId ? { userId } : {}),
    },
  });
  if (changed.count === 0) return false;
  await tx.autopayCharge.deleteMany({ where: { enrollmentId, status: "OVER_LIMIT" } });
  return true;
};

/**
 * Turns an active enrolment off. Charges not yet made are dropped, so a later enrolment looks at
 * those statements afresh; a charge already sent to the gateway (processing) still gets its
 * answer. Emits autopay.unenrolled (docs/webhooks.md). False: it was not active.
 */
export const endEnrollment = async (
  tx: TTx,
  {
    enrollmentId,
    now,
    byUserId,
  }: {
    enrollmentId: string;
    now: Date;
    /** The person turning it off (patient or staff); none for the practice's enrolment file. */
    byUserId?: string;
  },
) => {
  const changed = await tx.autopayEnrollment.updateMany({
    where: { id: enrollmentId, status: "ACTIVE" },
    data: { status: "CANCELLED", cancelledAt: now, cancelledByUserId: byUserId ?? null },
  });
  if (changed.count === 0) return false;
  await tx.autopayCharge.deleteMany({
    where: { enrollmentId, status: { in: ["SCHEDULED", "OVER_LIMIT"] }, paymentId: null },
  });
  await emitAutopayEvent(tx, { enrollmentId, type: "autopay.unenrolled" });
  return true;
};

type TAutopayAccount = Awaited<ReturnType<typeof ownAccount>>;

const expiredCard = () =>
  invalid("That card has expired. Choose another method, or update its expiry date in your wallet.", {
    paymentMethodId: ["That card has expired."],
  });

/**
 * The consent text for this method and limit on this account, in the language of the version the
 * patient read (`methodFor` has refused an unknown one).
 */
const consentText = (
  account: TAutopayAccount,
  method: Parameters<typeof walletMethodLabel>[0],
  limitCents: number,
  consentVersion: string,
) => {
  const locale = autopayConsentLocale(consentVersion) ?? "en";
  return autopayConsentText({
    practiceName: account.practice.name,
    accountNumber: account.accountNumber,
    methodLabel: walletMethodLabel(method, { locale }),
    limitCents,
    daysAfterStatement: account.practice.autopayDaysAfterStatement,
    reminderDays: account.practice.autopayReminderDays,
    locale,
  });
};

type TTermsInput = Pick<
  TEnrollAutopayInput,
  "paymentMethodId" | "newMethod" | "limit" | "consentVersion" | "idempotencyKey"
>;

/**
 * The method the terms name, ready to be written in the enrolment's transaction: a saved one (the
 * patient's own, not expired), or a new card or bank account the gateway has just verified and
 * stored, which `keep` puts in the wallet inside that transaction. A declined verification
 * throws before anything is written. The authorisation's version is checked first.
 */
const methodFor = async ({
  owner,
  account,
  input,
  context,
  gateway,
}: {
  owner: TActingPatient;
  account: TAutopayAccount;
  input: TTermsInput;
  context: TRequestContext;
  gateway: TGateway;
}) => {
  if (!autopayConsentLocale(input.consentVersion)) {
    throw invalid("The autopay authorization has changed. Please read it again and accept it.");
  }
  if (input.newMethod) {
    const newMethod = input.newMethod;
    const stored = await verifyNewMethod({
      owner,
      newMethod,
      formKey: input.idempotencyKey ?? "",
      agreement: "autopay",
      context,
      gateway,
    });
    return {
      stored,
      keep: (tx: TTx) => keepNewMethodIn(tx, { owner, stored, newMethod, context }),
    };
  }
  if (!input.paymentMethodId) throw invalid("Choose a payment method.");
  const method = await findOwnMethod(owner, input.paymentMethodId);
  if (expiryState(method, todayInZone(account.practice.timeZone, getClock().now())) === "expired") {
    throw expiredCard();
  }
  return { stored: null, keep: async (_tx: TTx) => ({ method, isNew: false }) };
};

/**
 * A signed-in patient enrols one of their accounts in autopay with a saved method, or a new card
 * or bank account typed into the form (verified by the gateway, then kept in the wallet in the
 * enrolment's transaction: both or neither), and a per-charge limit, having accepted the
 * authorisation (stored with its version, time and IP). One active enrolment per account: the
 * account row is locked while checking. The same submission again (a new method's form key and
 * token) finds its enrolment and returns it.
 */
export const enrollAutopay = async ({
  owner,
  input,
  context,
  gateway = getGateway(),
}: {
  owner: TActingPatient;
  input: TEnrollAutopayInput;
  context: TRequestContext;
  gateway?: TGateway;
}) => {
  const account = await ownAccount(owner.userId, input.accountId);
  const chosen = await methodFor({ owner, account, input, context, gateway });
  const db = await getDb();
  const now = getClock().now();
  try {
    return await db.$transaction(async (tx) => {
      await lockAccount(tx, account.id);
      const { method, isNew } = await chosen.keep(tx);
      const active = await activeEnrollmentOf(tx, account.id);
      if (active) {
        // A replay of this very submission: its new method already pays this enrolment.
        if (chosen.stored && !isNew && active.paymentMethodId === method.id)
          return { enrollmentId: active.id };
        throw invalid(`Account ${account.accountNumber} is already on autopay.`);
      }
      const enrollmentId = await startEnrollment(tx, {
        accountId: account.id,
        userId: owner.userId,
        paymentMethodId: method.id,
        limitCents: input.limit,
        source: "WEB",
        consent: consentText(account, method, input.limit, input.consentVersion),
        consentedAt: now,
        consentIp: context.ip,
        actor: auditActorOf(owner),
        context,
      });
      return { enrollmentId };
    });
  } catch (error) {
    if (chosen.stored) await forgetUnlessKept({ stored: chosen.stored, gateway });
    throw error;
  }
};

/**
 * The patient changes the method (a saved one or a new one, as when enrolling) or the limit of
 * an active enrolment: a new consent (text, version, time, IP) replaces the old one, which the
 * audit row keeps. Statements found over the old limit are looked at again with the new one on
 * the next run.
 */
export const changeAutopay = async ({
  owner,
  input,
  context,
  gateway = getGateway(),
}: {
  owner: TActingPatient;
  input: TChangeAutopayInput;
  context: TRequestContext;
  gateway?: TGateway;
}) => {
  const enrollment = await enrollmentFor(owner, input.enrollmentId);
  if (enrollment.status !== "ACTIVE")
    throw invalid("Autopay is off for this account. Turn it on again instead.");
  const chosen = await methodFor({ owner, account: enrollment.account, input, context, gateway });
  const db = await getDb();
  const now = getClock().now();
  try {
    await db.$transaction(async (tx) => {
      const { method, isNew } = await chosen.keep(tx);
      // A replay of this very submission: its new method already pays this enrolment.
      if (chosen.stored && !isNew && enrollment.paymentMethodId === method.id) return;
      const consent = consentText(enrollment.account, method, input.limit, input.consentVersion);
      const isChanged = await changeEnrollmentTerms(tx, {
        enrollmentId: enrollment.id,
        paymentMethodId: method.id,
        limitCents: input.limit,
        consent,
        consentedAt: now,
        consentIp: context.ip,
        // This patient's consent and method now: the enrolment is theirs, whoever made it.
        source: "WEB",
        userId: owner.userId,
      });
      if (!isChanged) throw invalid("Autopay is off for this account. Turn it on again instead.");
      await recordAudit(
        {
          actor: auditActorOf(owner),
          action: "autopay.changed",
          target: { type: "AutopayEnrollment", id: enrollment.id },
          context,
          metadata: {
            from: {
              paymentMethodId: enrollment.paymentMethodId,
              limitCents: enrollment.limitCents,
              consentVersion: enrollment.consentVersion,
              consentedAt: enrollment.consentedAt.toISOString(),
            },
            to: { paymentMethodId: method.id, limitCents: input.limit, consentVersion: consent.version },
          },
        },
        tx,
      );
    });
  } catch (error) {
    if (chosen.stored) await forgetUnlessKept({ stored: chosen.stored, gateway });
    throw error;
  }
  return { enrollmentId: enrollment.id };
};

/**
 * Turns autopay off (the patient, or staff on their behalf). Charges not yet made are dropped,
 * so a later enrolment looks at those statements afresh; a charge already sent to the gateway
 * (processing) still gets its answer. Turning off what is already off changes nothing.
 */
export const unenrollAutopay = async ({
  actor,
  enrollmentId,
  context,
}: {
  actor: TActingUser;
  enrollmentId: string;
  context: TRequestContext;
}) => {
  const enrollment = await enrollmentFor(actor, enrollmentId);
  if (enrollment.status !== "ACTIVE") return { enrollmentId, changed: false };
  const db = await getDb();
  const now = getClock().now();
  // A family member's own enrolment, turned off by the account's guarantor: the member is told.
  const isGuarantor =
    actor.kind === "patient" &&
    (await db.accountLink.count({ where: { accountId: enrollment.accountId, userId: actor.userId } })) > 0;
  const member =
    isGuarantor && enrollment.userId && enrollment.userId !== actor.userId
      ? await db.user.findFirst({
          where: {
            id: enrollment.userId,
            NOT: { accountLinks: { some: { accountId: enrollment.accountId } } },
          },
          select: { id: true, email: true },
        })
      : null;
  const isEnded = await db.$transaction(async (tx) => {
    if (!(await endEnrollment(tx, { enrollmentId: enrollment.id, now, byUserId: actor.userId })))
      return false;
    await recordAudit(
      {
        actor: auditActorOf(actor),
        action: "autopay.unenrolled",
        target: { type: "AutopayEnrollment", id: enrollment.id },
        context,
        metadata: {
          accountId: enrollment.accountId,
          by: actor.kind,
          ...(member ? { setUpByUserId: member.id } : {}),
        },
      },
      tx,
    );
    return true;
  });
  if (isEnded && member) {
    await tellMemberOfCancellation({
      actor,
      member,
      what: "autopay",
      accountNumber: enrollment.account.accountNumber,
      practice: { id: enrollment.account.practiceId, name: enrollment.account.practice.name },
    });
  }
  return { enrollmentId, changed: true };
};
