import { Prisma } from "@/lib/generated/prisma/client";

/**
 * A unique-constraint violation, from either driver adapter: @prisma/adapter-pg surfaces it as
 * Prisma's P2002; pglite-prisma-adapter 0.6 passes PostgreSQL's own error (SQLSTATE 23505) through.
 */
export const isUniqueViolation = (error: unknown): boolean => {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  const cause = (error as { cause?: { code?: unknown; kind?: unknown } } | null)?.cause;
  return cause?.code === "23505" || cause?.kind === "UniqueConstraintViolation";
};
