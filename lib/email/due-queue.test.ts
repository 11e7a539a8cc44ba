import { describe, expect, it } from "vitest";
import { drainRuns } from "@/lib/email/due-queue";

describe("drainRuns", () => {
  it("runs until a run claims less than a batch, summing every count", async () => {
    const runs = [
      { claimed: 2, sent: 2, failed: 0 },
      { claimed: 2, sent: 1, failed: 1 },
      { claimed: 1, sent: 1, failed: 0 },
      { claimed: 9, sent: 9, failed: 9 }, // never reached
    ];
    let i = 0;
    expect(await drainRuns(async () => runs[i++]!, 2)).toEqual({ claimed: 5, sent: 4, failed: 1 });
    expect(i).toBe(3);
  });

  it("stops after one run when nothing was due", async () => {
    let calls = 0;
    expect(await drainRuns(async () => (calls++, { claimed: 0, sent: 0 }), 50)).toEqual({
      claimed: 0,
      sent: 0,
    });
    expect(calls).toBe(1);
  });
});
