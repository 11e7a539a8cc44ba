import { describe, expect, it } from "vitest";
import { createReadinessProbe, type TReadiness } from "@/lib/readiness/readiness";

const READY: TReadiness = {
  isReady: true,
  checks: { migrations: "ok", database: "ok", gateway: "ok", worker: "ok" },
  failing: [],
};

describe("createReadinessProbe", () => {
  it("runs the checks once for every probe that arrives while they run, and shares the answer", async () => {
    let runs = 0;
    let finish: (r: TReadiness) => void = () => {};
    const probe = createReadinessProbe({
      check: () => {
        runs += 1;
        return new Promise<TReadiness>((resolve) => (finish = resolve));
      },
      now: () => 0,
    });
    const answers = Array.from({ length: 50 }, () => probe());
    finish(READY);
    expect(await Promise.all(answers)).toEqual(Array(50).fill(READY));
    expect(runs).toBe(1);
  });

  it("answers from the last result until it is cacheMs old, counted from when it came, then checks again", async () => {
    let clock = 0;
    let runs = 0;
    const probe = createReadinessProbe({
      check: async () => {
        runs += 1;
        return READY;
      },
      now: () => clock,
      cacheMs: 1_500,
    });
    await probe();
    clock = 1_499;
    await probe();
    expect(runs).toBe(1);
    clock = 1_500;
    await probe();
    expect(runs).toBe(2);
  });

  it("checks again after a run that threw, once it is cacheMs old", async () => {
    let clock = 0;
    let runs = 0;
    const probe = createReadinessProbe({
      check: async () => {
        runs += 1;
        if (runs === 1) throw new Error("boom");
        return READY;
      },
      now: () => clock,
      cacheMs: 1_000,
    });
    await expect(probe()).rejects.toThrow("boom");
    clock = 1_000;
    expect(await probe()).toEqual(READY);
  });
});
