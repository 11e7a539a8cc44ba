import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TokenPurpose } from "@/lib/generated/prisma/enums";
import { getDb } from "@/lib/db";

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  VERIFY_EMAIL: 24 * 60 * 60_000,
  RESET_PASSWORD: 60 * 60_000,
  CHANGE_EMAIL: 24 * 60 * 60_000,
  /** A staff invitation is good for 72 hours. */
  INVITE_STAFF: 72 * 60 * 60_000,
};

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** Issues a single-use token; earlier unused tokens of the same purpose stop working. */
export const issueToken = async ({
  userId,
  purpose,
  email,
  tx,
}: {
  userId: string;
  purpose: TokenPurpose;
  email: string;
  tx?: Prisma.TransactionClient;
}) => {
  const db = tx ?? (await getDb());
  const token = randomBytes(32).toString("base64url");
  await db.verificationToken.updateMany({
    where: { userId, purpose, usedAt: null },
    data: { usedAt: new Date() },
  });
  await db.verificationToken.create({
    data: {
      userId,
      purpose,
      email,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + TOKEN_TTL_MS[purpose]),
    },
  });
  return token;
};

/** Marks the token used and returns it, or null when it is unknown, used or expired. */
export const consumeToken = async ({ token, purpose }: { token: string; purpose: TokenPurpose }) => {
  const db = await getDb();
  const tokenHash = sha256(token);
  const row = await db.verificationToken.findUnique({ where: { tokenHash } });
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt < new Date()) return null;
  // Conditional update: of two simultaneous uses only one wins.
  const { count } = await db.verificationToken.updateMany({
    where: { id: row.id, usedAt: null },
    data: { usedAt: new Date() },
  });
  return count === 1 ? row : null;
};
