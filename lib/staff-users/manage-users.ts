import "server-only";
import { recordAudit, type TAuditActor } from "@/lib/audit/record";
import { normalizeEmail } from "@/lib/auth/sign-in";
import { hashPassword } from "@/lib/auth/password";
import { hasPermission, ROLE_LABELS, type TStaffRole } from "@/lib/auth/permissions";
import type { TStaffActor } from "@/lib/auth/session";
import { consumeToken, issueToken } from "@/lib/auth/tokens";
import { endOtherSessions } from "@/lib/auth/user-session";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { sendEmail } from "@/lib/email/send-email";
import { staffInvitationEmail, staffPasswordResetEmail } from "@/lib/staff-users/emails";
import { appUrl } from "@/lib/env";
import { AppError, notFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import type { TRequestContext } from "@/lib/request-context";
import type { TInviteStaffInput } from "@/lib/staff-users/schemas";
import { parseStaffCsv } from "@/lib/staff-users/staff-csv";

/**
 * Staff users of a practice, managed by its administrators (`users.manage`): invite, change a
 * role, disable and enable, force a password reset. Every use case checks the permission again
 * (a refusal is recorded), reaches only users of the actor's practice (another practice's user
 * is the same NOT_FOUND as a missing one), and audits the change with target User. A practice
 * keeps at least one enabled ADMIN. docs/staff-users.md.
 */

export const LAST_ADMIN_MESSAGE = "A practice must keep at least one enabled administrator.";

export type TStaffUserRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** INVITED: no password set yet; RESET: must choose a new password (a forced reset). */
  status: "ACTIVE" | "INVITED" | "RESET" | "DISABLED";
  lastSignInAt: Date | null;
};

const auditActor = (actor: TStaffActor): TAuditActor => ({
  kind: "user",
  userId: actor.userId,
  role: actor.role,
  label: actor.email,
});

const requireUsersManage = async (actor: TStaffActor, action: string, context: TRequestContext) => {
  if (hasPermission(actor.role, "users.manage")) return;
  await recordAudit({
    actor: auditActor(actor),
    action,
    outcome: "DENIED",
    context,
    metadata: { permission: "users.manage" },
  });
  throw new AppError("FORBIDDEN", { userMessage: "You do not have access to this." });
};

const statusOf = (u: {
  disabledAt: Date | null;
  passwordHash: string | null;
  mustChangePassword: boolean;
}): TStaffUserRow["status"] =>
  u.disabledAt ? "DISABLED" : u.mustChangePassword ? "RESET" : u.passwordHash ? "ACTIVE" : "INVITED";

/** The practice's staff, by last name, and the practice's zone (their last sign-in is shown in it). */
export const listStaffUsers = async (
  practiceId: string,
): Promise<{ users: TStaffUserRow[]; timeZone: string }> => {
  const db = await getDb();
  const { timeZone } = await db.practice.findUniqueOrThrow({
    where: { id: practiceId },
    select: { timeZone: true },
  });
  const users = await db.user.findMany({
    where: { practiceId, role: { not: "PATIENT" } },
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { email: "asc" }],
    select: {
      id: true,
      email: true,
      firstName: true,
      lastName: true,
      role: true,
      disabledAt: true,
      passwordHash: true,
      mustChangePassword: true,
      lastSignInAt: true,
    },
  });
  return {
    timeZone,
    users: users.map((u) => ({
      id: u.id,
      email: u.email,
      name: `${u.firstName} ${u.lastName}`,
      role: u.role,
      status: statusOf(u),
      lastSignInAt: u.lastSignInAt,
    })),
  };
};

/** A staff user of the actor's practice, in `tx`, or NOT_FOUND. */
const staffUserOf = async (tx: Prisma.TransactionClient, actor: TStaffActor, userId: string) => {
  const user = await tx.user.findFirst({
    where: { id: userId, practiceId: actor.practiceId, role: { not: "PATIENT" } },
    select: { id: true, email: true, role: true, disabledAt: true, firstName: true },
  });
  if (!user) throw notFoundError("user");
  return user;
};

/**
 * Refuses a change that would leave the practice without an enabled ADMIN who can sign in
 * (has a password): the practice row
 * is locked first, so two administrators demoting each other at once cannot both succeed.
 */
const keepAnAdmin = async (tx: Prisma.TransactionClient, practiceId: string, losingUserId: string) => {
  await tx.$queryRaw`SELECT id FROM practice WHERE id = ${practiceId} FOR UPDATE`;
  const others = await tx.user.count({
    // An invitee who has not set a password yet cannot administer anything: not counted.
    where: {
      practiceId,
      role: "ADMIN",
      disabledAt: null,
      passwordHash: { not: null },
      id: { not: losingUserId },
    },
  });
  if (others === 0) throw new AppError("CONFLICT", { userMessage: LAST_ADMIN_MESSAGE });
};

const sendInvitation = async ({
  userId,
  email,
  firstName,
  role,
  practiceId,
}: {
  userId: string;
  email: string;
  firstName: string;
  role: Role;
  practiceId: string;
}) => {
  const token = await issueToken({ userId, purpose: "INVITE_STAFF", email });
  const link = appUrl(`/invitation?token=${encodeURIComponent(token)}`);
  await sendEmail(
    staffInvitationEmail({ to: email, practiceId, firstName, roleLabel: ROLE_LABELS[role], link }),
  );
};

/**
 * Invites a staff member: a user of the practice with the role and no password, and an emailed
 * link (single use, 72 hours: TOKEN_TTL_MS.INVITE_STAFF) where they choose their own password.
 * Inviting a pending invitee of the practice again sends a new link (the old one stops working).
 */
export const inviteStaffUser = async ({
  actor,
  input,
  context,
}: {
  actor: TStaffActor;
  input: TInviteStaffInput;
  context: TRequestContext;
}) => {
  await requireUsersManage(actor, "staff_user.invite", context);
  const db = await getDb();
  const email = normalizeEmail(input.email);
  const existing = await db.user.findUnique({
    where: { email },
    select: { id: true, practiceId: true, passwordHash: true, disabledAt: true, role: true, firstName: true },
  });
  const taken = () =>
    new AppError("EMAIL_TAKEN", {
      message: `invite of an address in use`,
      userMessage: "Please correct the highlighted fields.",
      fieldErrors: { email: ["Someone already signs in with this email address."] },
    });
  let user: { id: string; role: Role; firstName: string };
  if (existing) {
    const isPendingHere =
      existing.practiceId === actor.practiceId &&
      existing.role !== "PATIENT" &&
      existing.passwordHash === null &&
      existing.disabledAt === null;
    if (!isPendingHere) throw taken();
    user = existing;
  } else {
    try {
      user = await db.user.create({
        data: {
          email,
          role: input.role,
          practiceId: actor.practiceId,
          firstName: input.firstName,
          lastName: input.lastName,
        },
        select: { id: true, role: true, firstName: true },
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw taken();
      throw error;
    }
  }
  await sendInvitation({
    userId: user.id,
    email,
    firstName: user.firstName,
    role: user.role,
    practiceId: actor.practiceId,
  });
  await recordAudit({
    actor: auditActor(actor),
    action: "staff_user.invite",
    target: { type: "User", id: user.id },
    context,
    metadata: { email, role: user.role, again: Boolean(existing) },
  });
  return { userId: user.id, email };
};

/**
 * The invitee sets their own password from the emailed link (the portal's password rules), which
 * also proves the address. The link works once; a disabled invitee's does nothing.
 */
export const acceptStaffInvitation = async ({
  token,
  password,
  context,
}: {
  token: string;
  password: string;
  context: TRequestContext;
}) => {
  const invalid = () =>
    new AppError("TOKEN_INVALID", {
      userMessage: "This invitation link is invalid or has expired. Ask your administrator for a new one.",
    });
  const row = await consumeToken({ token, purpose: "INVITE_STAFF" });
  if (!row) throw invalid();
  const db = await getDb();
  const passwordHash = await hashPassword(password);
  const { count } = await db.user.updateMany({
    where: { id: row.userId, passwordHash: null, disabledAt: null, role: { not: "PATIENT" } },
    data: { passwordHash, emailVerifiedAt: new Date(), sessionVersion: { increment: 1 } },
  });
  if (count === 0) throw invalid();
  const user = await db.user.findUniqueOrThrow({
    where: { id: row.userId },
    select: { id: true, email: true, role: true },
  });
  await recordAudit({
    actor: { kind: "user", userId: user.id, role: user.role, label: user.email },
    action: "staff_user.invitation_accepted",
    target: { type: "User", id: user.id },
    context,
  });
  return { email: user.email };
};

/** Changes a staff member's role; it applies at their next request (the role is read each time). */
export const changeStaffRole = async ({
  actor,
  userId,
  role,
  context,
}: {
  actor: TStaffActor;
  userId: string;
  role: TStaffRole;
  context: TRequestContext;
}) => {
  await requireUsersManage(actor, "staff_user.role_change", context);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const user = await staffUserOf(tx, actor, userId);
    if (user.role === role) return { role };
    if (user.role === "ADMIN") await keepAnAdmin(tx, actor.practiceId, user.id);
    await tx.user.update({ where: { id: user.id }, data: { role } });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "staff_user.role_change",
        target: { type: "User", id: user.id },
        context,
        metadata: { from: user.role, to: role },
      },
      tx,
    );
    return { role };
  });
};

/**
 * Disables a staff member (their sessions end at once: every one is ended here, and a session
 * of a disabled user is refused on its next request anyway), or enables them again.
 */
export const setStaffUserDisabled = async ({
  actor,
  userId,
  isDisabled,
  context,
}: {
  actor: TStaffActor;
  userId: string;
  isDisabled: boolean;
  context: TRequestContext;
}) => {
  const action = isDisabled ? "staff_user.disable" : "staff_user.enable";
  await requireUsersManage(actor, action, context);
  if (isDisabled && userId === actor.userId) {
    throw new AppError("CONFLICT", { userMessage: "You can't disable your own login." });
  }
  const db = await getDb();
  const changed = await db.$transaction(async (tx) => {
    const user = await staffUserOf(tx, actor, userId);
    if (Boolean(user.disabledAt) === isDisabled) return false;
    if (isDisabled && user.role === "ADMIN") await keepAnAdmin(tx, actor.practiceId, user.id);
    await tx.user.update({ where: { id: user.id }, data: { disabledAt: isDisabled ? new Date() : null } });
    await recordAudit(
      { actor: auditActor(actor), action, target: { type: "User", id: user.id }, context },
      tx,
    );
    return true;
  });
  if (changed && isDisabled) await endOtherSessions({ userId, reason: "disabled" });
  return { isDisabled };
};

/**
 * Forces a password reset: the password stops working at once (it is cleared), every session
 * ends, and the user is emailed a reset link (the portal's reset page, 1 hour; "Forgot your
 * password?" sends another). Until they choose a new password they cannot sign in.
 */
export const forceStaffPasswordReset = async ({
  actor,
  userId,
  context,
}: {
  actor: TStaffActor;
  userId: string;
  context: TRequestContext;
}) => {
  await requireUsersManage(actor, "staff_user.force_password_reset", context);
  if (userId === actor.userId) {
    throw new AppError("CONFLICT", {
      userMessage: "To change your own password, sign out and use “Forgot your password?”.",
    });
  }
  const db = await getDb();
  const user = await db.$transaction(async (tx) => {
    const target = await staffUserOf(tx, actor, userId);
    if (target.disabledAt) {
      throw new AppError("CONFLICT", { userMessage: "This user is disabled. Enable them first." });
    }
    await tx.user.update({
      where: { id: target.id },
      data: { passwordHash: null, mustChangePassword: true, sessionVersion: { increment: 1 } },
    });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "staff_user.force_password_reset",
        target: { type: "User", id: target.id },
        context,
      },
      tx,
    );
    return target;
  });
  await endOtherSessions({ userId, reason: "password_changed" });
  const token = await issueToken({ userId, purpose: "RESET_PASSWORD", email: user.email });
  const link = appUrl(`/reset-password?token=${encodeURIComponent(token)}`);
  await sendEmail(
    staffPasswordResetEmail({
      to: user.email,
      practiceId: actor.practiceId,
      firstName: user.firstName,
      link,
    }),
  );
  return { email: user.email };
};

export type TStaffImportReport = {
  created: number;
  unchanged: number;
  rejected: { line: number; reason: string }[];
};

/**
 * Imports InstaMed's staff user CSV (lib/staff-users/staff-csv.ts): each good row becomes a
 * staff user of the practice with its temporary password (hashed like every other; it must be
 * changed at the first sign-in, which emails a link for it), bad rows are reported with their
 * line and reason. A row whose Email is already a staff user of the practice changes nothing
 * (its User ID is kept if it had none), so the same file twice changes nothing; an Email of
 * another login, or a User ID of another of the practice's users, rejects the row. Passwords
 * are never logged or audited.
 */
export const importStaffUsers = async ({
  actor,
  text,
  fileName,
  context,
}: {
  actor: TStaffActor;
  text: string;
  fileName: string;
  context: TRequestContext;
}): Promise<TStaffImportReport> => {
  await requireUsersManage(actor, "staff_user.import", context);
  const parsed = parseStaffCsv(text);
  const db = await getDb();
  const rejected = [...parsed.rejected];
  let created = 0;
  let unchanged = 0;
  const now = new Date();
  for (const row of parsed.rows) {
    const reject = (reason: string) => rejected.push({ line: row.line, reason });
    const [byEmail, byId] = await Promise.all([
      db.user.findUnique({
        where: { email: row.email },
        select: { id: true, practiceId: true, role: true, externalUserId: true },
      }),
      db.user.findUnique({
        where: {
          practiceId_externalUserId: { practiceId: actor.practiceId, externalUserId: row.externalUserId },
        },
        select: { id: true },
      }),
    ]);
    if (byId && byId.id !== byEmail?.id) {
      reject("The User ID belongs to another staff user of the practice.");
      continue;
    }
    if (byEmail) {
      if (byEmail.practiceId !== actor.practiceId || byEmail.role === "PATIENT") {
        reject("The Email is in use by another login.");
        continue;
      }
      if (byEmail.externalUserId === null) {
        await db.user.update({ where: { id: byEmail.id }, data: { externalUserId: row.externalUserId } });
      } else if (byEmail.externalUserId !== row.externalUserId) {
        reject("The Email belongs to a staff user with another User ID.");
        continue;
      }
      unchanged += 1;
      continue;
    }
    try {
      const user = await db.user.create({
        data: {
          email: row.email,
          role: row.role,
          practiceId: actor.practiceId,
          externalUserId: row.externalUserId,
          firstName: row.firstName,
          lastName: row.lastName,
          passwordHash: await hashPassword(row.temporaryPassword),
          mustChangePassword: true,
          // The practice's administrator vouches for the address; the first sign-in proves it.
          emailVerifiedAt: now,
        },
        select: { id: true },
      });
      await recordAudit({
        actor: auditActor(actor),
        action: "staff_user.import_created",
        target: { type: "User", id: user.id },
        context,
        metadata: { email: row.email, role: row.role, externalUserId: row.externalUserId, line: row.line },
      });
      created += 1;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      reject("The Email or User ID was taken while the file was read.");
    }
  }
  rejected.sort((a, b) => a.line - b.line);
  await recordAudit({
    actor: auditActor(actor),
    action: "staff_user.import",
    context,
    metadata: { fileName: fileName.slice(0, 255), created, unchanged, rejected: rejected.length },
  });
  return { created, unchanged, rejected };
};
