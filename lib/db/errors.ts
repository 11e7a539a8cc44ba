type TAdapterCause = { code?: unknown; kind?: unknown; originalCode?: unknown };

const isUniqueCause = (cause: TAdapterCause | null | undefined) =>
  cause?.code === "23505" || cause?.originalCode === "23505" || cause?.kind === "UniqueConstraintViolation";

/**
 * Prisma's "known request error" (a P-code), recognised by its name and code rather than by
 * `instanceof`: a production build may hold more than one copy of the class (lib/errors.ts).
 */
export const isPrismaKnownRequestError = (
  error: unknown,
): error is { name: string; code: string; meta?: unknown; message: string } =>
  typeof error === "object" &&
  error !== null &&
  (error as { name?: unknown }).name === "PrismaClientKnownRequestError" &&
  typeof (error as { code?: unknown }).code === "string";

/**
 * A unique-constraint violation, from either driver adapter and from either kind of query:
 * @prisma/adapter-pg surfaces it as Prisma's P2002 from a model query and as P2010 ("raw query
 * failed", the driver's error in `meta.driverAdapterError.cause`) from a raw one;
 * pglite-prisma-adapter 0.6 passes PostgreSQL's own error (SQLSTATE 23505) through; `pg` and
 * PGlite themselves (a statement run past Prisma Client) throw it with `code` 23505.
 */
export const isUniqueViolation = (error: unknown): boolean => {
  if (isPrismaKnownRequestError(error)) {
    if (error.code === "P2002") return true;
    const adapterError = (error.meta as { driverAdapterError?: { cause?: TAdapterCause } } | undefined)
      ?.driverAdapterError;
    return isUniqueCause(adapterError?.cause);
  }
  // The driver's own error (a statement run past Prisma Client, lib/db queryRows), or one it wrapped.
  const driverError = error as (TAdapterCause & { cause?: TAdapterCause }) | null;
  return isUniqueCause(driverError) || isUniqueCause(driverError?.cause);
};
