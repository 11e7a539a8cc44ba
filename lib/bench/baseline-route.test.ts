import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/db", () => ({
  getDb: async () => {
    throw new Error("the switched-off baseline route must not reach the database");
  },
}));

describe("the HTTP benchmark's bare-insert route", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("answers 404 and touches nothing unless BENCH_BASELINE_ROUTES=on", async () => {
    const { GET, POST } = await import("@/app/api/bench/insert/route");
    for (const value of [undefined, "", "off", "true", "ON"]) {
      vi.stubEnv("BENCH_BASELINE_ROUTES", value);
      expect((await POST()).status).toBe(404);
      expect((await GET()).status).toBe(404);
    }
  });

  it("answers GET with 404 even when switched on", async () => {
    vi.stubEnv("BENCH_BASELINE_ROUTES", "on");
    const { GET } = await import("@/app/api/bench/insert/route");
    expect((await GET()).status).toBe(404);
  });
});
