import "server-only";
import { getDb } from "@/lib/db";

export type TApiKeyListItem = {
  id: string;
  name: string;
  prefix: string;
  scope: "READ" | "WRITE";
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** A practice's API keys for the console, active ones first, newest first. Never the key or its hash. */
export const listApiKeys = async (practiceId: string): Promise<TApiKeyListItem[]> => {
  const db = await getDb();
  const keys = await db.apiKey.findMany({
    where: { practiceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      scope: true,
      createdBy: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
  });
  return [...keys.filter((k) => !k.revokedAt), ...keys.filter((k) => k.revokedAt)];
};
