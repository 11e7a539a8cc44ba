import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { defineAction } from "@/lib/define-action";
import { AppError } from "@/lib/errors";
import type * as ErrorsModule from "@/lib/errors";
import { importAnotherCopy } from "@/lib/test/another-copy";

vi.mock("@/lib/request-context", () => ({
  getRequestContext: async () => ({ ip: "203.0.113.1", userAgent: "vitest" }),
}));

const schema = z.object({ amount: z.string().regex(/^\d+$/, "Enter an amount."), note: z.string().max(20) });
const signedOut = async () => {
  throw new AppError("UNAUTHENTICATED", { userMessage: "Please sign in again." });
};

describe("defineAction", () => {
  it("asks who is calling before it reads the input: a stranger learns nothing of the fields", async () => {
    const handler = vi.fn();
    const action = defineAction({ schema, guard: signedOut, handler });
    expect(await action(null, { amount: "not a number", secretField: "x" })).toEqual({
      ok: false,
      code: "UNAUTHENTICATED",
      message: "Please sign in again.",
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses a NUL in any field, for that field, before zod or the handler see it", async () => {
    const handler = vi.fn();
    const action = defineAction({ schema, guard: async () => null, handler });
    const form = new FormData();
    form.set("amount", "12");
    form.set("note", "abc\u0000def");
    expect(await action(null, form)).toEqual({
      ok: false,
      code: "VALIDATION",
      message: "Please correct the highlighted fields.",
      fieldErrors: { note: ["This has a character that is not allowed."] },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("parses for a caller the guard let in, and shows an AppError's message from any copy of its module", async () => {
    const copy = await importAnotherCopy<typeof ErrorsModule>("@/lib/errors");
    const action = defineAction({
      schema,
      guard: async () => ({ userId: "u1" }),
      handler: async ({ input }) => {
        if (input.note === "decline") throw new copy.AppError("CARD_DECLINED", { userMessage: "Declined." });
        return { cents: Number(input.amount) };
      },
    });
    expect(await action(null, { amount: "x", note: "" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { amount: ["Enter an amount."] },
    });
    expect(await action(null, { amount: "1250", note: "" })).toEqual({ ok: true, data: { cents: 1250 } });
    expect(await action(null, { amount: "1250", note: "decline" })).toEqual({
      ok: false,
      code: "CARD_DECLINED",
      message: "Declined.",
    });
  });

  it("says a field's first problem only: an empty email is to be entered, not also invalid", async () => {
    const action = defineAction({
      schema: z.object({
        email: z.string().trim().min(1, "Enter your email.").email("Enter a valid email."),
        code: z
          .string()
          .min(1, "Enter the code.")
          .refine((v) => /^\d{6}$/.test(v), "Enter the 6-digit code."),
      }),
      guard: async () => null,
      handler: async () => "done",
    });
    expect(await action(null, { email: " ", code: "" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { email: ["Enter your email."], code: ["Enter the code."] },
    });
    expect(await action(null, { email: "pat@", code: "12" })).toMatchObject({
      fieldErrors: { email: ["Enter a valid email."], code: ["Enter the 6-digit code."] },
    });
  });
});
