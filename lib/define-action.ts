import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { isAppError } from "@/lib/errors";
import { fail, ok, type ActionResult } from "@/lib/result";
import { getRequestContext, type TRequestContext } from "@/lib/request-context";

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
 * The one way a server action is written: parse the input with zod, run the guard (who is
 * asking, may they), then the handler. Errors become a typed ActionResult here and nowhere
 * else: an AppError shows its userMessage; anything else is logged with a request id and
 * shows a generic message (an internal message never reaches the browser).
 */
export const defineAction =
  <TSchema extends z.ZodType, TGuard, TData>({
    schema,
    guard,
    handler,
  }: {
    schema: TSchema;
    guard: (ctx: { context: TRequestContext; input: z.infer<TSchema> }) => Promise<TGuard>;
    handler: (ctx: { input: z.infer<TSchema>; auth: TGuard; context: TRequestContext }) => Promise<TData>;
  }) =>
  async (_prev: unknown, rawInput: TActionInput): Promise<ActionResult<TData>> => {
    try {
      const parsed = schema.safeParse(toObject(rawInput));
      if (!parsed.success) {
        const { fieldErrors } = z.flattenError(parsed.error as z.ZodError<Record<string, unknown>>);
        return fail(
          "VALIDATION",
          "Please correct the highlighted fields.",
          fieldErrors as Record<string, string[]>,
        );
      }
      const context = await getRequestContext();
      const auth = await guard({ context, input: parsed.data });
      return ok(await handler({ input: parsed.data, auth, context }));
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are not errors
      if (isAppError(error)) return fail(error.code, error.userMessage, error.fieldErrors);
      const requestId = randomUUID();
      console.error(`[action] request ${requestId} failed`, error);
      return fail(
        "UNKNOWN",
        `Something went wrong on our side. Please try again (reference ${requestId.slice(0, 8)}).`,
      );
    }
  };
