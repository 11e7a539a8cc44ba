import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

/** For pages: a NOT_FOUND from a query (missing or someone else's) renders the 404 page. */
export const orNotFound = <T>(promise: Promise<T>): Promise<T> =>
  promise.catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
