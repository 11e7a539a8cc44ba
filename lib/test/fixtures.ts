import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { TRequestContext } from "@/lib/request-context";

/** A request from a given client address (documentation range, RFC 5737). */
export const requestFrom = (ip: string): TRequestContext => ({ ip, userAgent: "vitest" });

/** The single-use token in an emailed link (`…?token=…`). */
export const tokenFromEmailText = (text: string) => {
  const match = /[?&]token=([^\s&]+)/.exec(text);
  if (!match?.[1]) throw new Error(`No link with a token in this email:\n${text}`);
  return decodeURIComponent(match[1]);
};

/** The newest message kept in the outbox for an address (no SMTP_URL: mail stays in the table). */
export const latestEmailTo = async (db: PrismaClient, to: string, subjectContains = "") =>
  db.outboxEmail.findFirstOrThrow({
    where: { to, subject: { contains: subjectContains } },
    orderBy: { createdAt: "desc" },
  });

/**
 * Marks a session's second factor as passed at `at` (now by default), as the code page does: for
 * integration tests of a staff session (staff owe enrolment until then) or of a step-up (an `at`
 * more than 15 minutes ago makes it stale).
 */
export const passSecondFactor = (db: PrismaClient, sessionId: string, at = new Date()) =>
  db.userSession.update({ where: { id: sessionId }, data: { secondFactorAt: at } });
