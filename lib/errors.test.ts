import { importAnotherCopy } from "@/lib/test/another-copy";
import type * as ErrorsModule from "@/lib/errors";
import { describe, expect, it } from "vitest";
import { AppError, isAppError, notFoundError } from "@/lib/errors";

describe("isAppError", () => {
  it("recognises an AppError made by another copy of this module, which instanceof does not", async () => {
    const copy = await importAnotherCopy<typeof ErrorsModule>("@/lib/errors");
    const error = new copy.AppError("CARD_DECLINED", { userMessage: "Declined." });
    expect(error instanceof AppError).toBe(false);
    expect(isAppError(error)).toBe(true);
    expect(isAppError(notFoundError())).toBe(true);
    expect(isAppError(new Error("x"))).toBe(false);
    expect(isAppError({ code: "NOT_FOUND", userMessage: "x" })).toBe(false);
  });
});
