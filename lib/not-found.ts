import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

/** For pages: a NOT_FOUND from a query (missing or someone else's) renders the 404 page. */
export const orNotFound = <T>(promise: Promise<T>): Promise<T> =>
  promise.catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });

/**
 * For route handlers (downloads): a NOT_FOUND from a query (missing or someone else's) is null,
 * which the route answers 404; any other error is thrown, so a broken database is an error and
 * not a "not found".
 */
export const nullIfNotFound = <T>(promise: Promise<T>): Promise<T | null> =>
  promise.catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") return null;
    throw error;
  });
