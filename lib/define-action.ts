import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import {
  CORRECT_FIELDS_MESSAGE,
  isAppError,
  NOT_ALLOWED_CHARACTER_MESSAGE,
  unknownErrorMessage,
} from "@/lib/errors";
import { hasNul } from "@/lib/input";
import { fail, ok, type ActionResult } from "@/lib/result";
import { getRequestContext, type TRequestContext } from "@/lib/request-context";
import { log } from "@/lib/log";

type TActionInput = FormData | Record<string, unknown>;

const toObject = (input: TActionInput): Record<string, unknown> => {
  if (!(input instanceof FormData)) return input;
  const out: Record<string, unknown> = {};
  for (const [key, value] of input.entries()) {
    if (key.startsWith("$ACTION")) continue; // Next's own fields
    if (typeof value !== "string") continue;
    const existing = out[key];
    out[key] = existing === undefined ? value : ([] as unknown[]).concat(existing, value);
  }
  return out;
};

/**
 * The one way a server action is written: run the guard (who is asking, may they) first, so a
 * stranger learns nothing, not even what the action expects; then parse the input with zod
 * (a NUL is refused before that: PostgreSQL refuses it in text); then the handler, which checks
 * that every record named is the caller's. Errors become a typed ActionResult here and nowhere
 * else: an AppError shows its userMessage; anything else is logged with a request id and shows
 * a generic message (an internal message never reaches the browser).
 */
export const defineAction =
  <TSchema extends z.ZodType, TGuard, TData>({
    schema,
    guard,
    handler,
  }: {
    schema: TSchema;
    guard: (ctx: { context: TRequestContext }) => Promise<TGuard>;
    handler: (ctx: { input: z.infer<TSchema>; auth: TGuard; context: TRequestContext }) => Promise<TData>;
  }) =>
  async (_prev: unknown, rawInput: TActionInput): Promise<ActionResult<TData>> => {
    try {
      const context = await getRequestContext();
      const auth = await guard({ context });
      const input = toObject(rawInput);
      const withNul = Object.entries(input).filter(([, v]) => hasNul(v));
      if (withNul.length > 0) {
        // PostgreSQL refuses a NUL in text: refused here, for the field.
        return fail(
          "VALIDATION",
          CORRECT_FIELDS_MESSAGE,
          Object.fromEntries(withNul.map(([k]) => [k, [NOT_ALLOWED_CHARACTER_MESSAGE]])),
        );
      }
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        const { fieldErrors } = z.flattenError(parsed.error as z.ZodError<Record<string, unknown>>);
        // A field's first problem only: zod runs every check, so an empty email would also be
        // "not a valid email", and an empty code "not 6 digits", said twice under one field.
        const firsts = Object.entries(fieldErrors as Record<string, string[]>).map(([field, messages]) => [
          field,
          messages.slice(0, 1),
        ]);
        return fail("VALIDATION", CORRECT_FIELDS_MESSAGE, Object.fromEntries(firsts));
      }
      return ok(await handler({ input: parsed.data, auth, context }));
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are not errors
      if (isAppError(error)) return fail(error.code, error.userMessage, error.fieldErrors);
      const requestId = randomUUID();
      log.error({ err: error, reference: requestId }, `[action] request ${requestId} failed`);
      return fail("UNKNOWN", unknownErrorMessage(requestId.slice(0, 8)));
    }
  };
