import { describe, expect, it } from "vitest";
import { AppError, notFoundError } from "@/lib/errors";
import { nullIfNotFound } from "@/lib/not-found";

describe("nullIfNotFound (download routes)", () => {
  it("turns a NOT_FOUND (missing or another practice's) into null, which the route answers 404", async () => {
    expect(await nullIfNotFound(Promise.reject(notFoundError("sign-up file")))).toBeNull();
  });

  it("passes a found record through", async () => {
    expect(await nullIfNotFound(Promise.resolve({ id: "f1" }))).toEqual({ id: "f1" });
  });

  it("lets any other error be an error, not a 404", async () => {
    const down = new Error("connection refused");
    await expect(nullIfNotFound(Promise.reject(down))).rejects.toBe(down);
    await expect(
      nullIfNotFound(Promise.reject(new AppError("FORBIDDEN", { userMessage: "No." }))),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
