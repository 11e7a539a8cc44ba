import { describe, expect, it } from "vitest";
import {
  actionBody,
  actionResult,
  cookieHeader,
  findActionId,
  passFigures,
  processCpuMs,
  sampleRecorder,
  splitConnections,
} from "./http-support";

describe("the HTTP benchmark's helpers", () => {
  it("times a run from its start to its last answer, not to the load generator's callback", () => {
    let clock = 1_000;
    const recorder = sampleRecorder<"payment" | "receipt">(() => clock);
    clock = 1_004;
    recorder.record("payment", true, 1_001);
    clock = 1_010;
    recorder.record("receipt", true, 1_007);
    recorder.record("payment", false, 1_008);
    clock = 1_990; // autocannon's next tick
    expect(recorder.finish()).toEqual({
      payment: { latencies: [3], errors: 1, wallMs: 10 },
      receipt: { latencies: [3], errors: 0, wallMs: 10 },
    });
  });

  it("finds the one action id of an export of a file in the build's manifest", () => {
    const manifest = {
      node: {
        aa: { filename: "lib/payments/actions.ts", exportedName: "guestPayBillAction" },
        bb: { filename: "lib/payments/actions.ts", exportedName: "payBillAction" },
        cc: { filename: "lib/plans/actions.ts", exportedName: "payBillAction" },
      },
    };
    expect(findActionId(manifest, "lib/payments/actions.ts", "payBillAction")).toBe("bb");
    expect(() => findActionId(manifest, "lib/payments/actions.ts", "voidAction")).toThrow(/found 0/);
  });

  it("encodes the arguments as React's reply does for plain values: a JSON array, a leading $ doubled", () => {
    const input = { allocations: [{ statementId: "s1", amount: "12.50" }], token: "tok_1", note: "$5 off" };
    expect(JSON.parse(actionBody([null, input]))).toEqual([
      null,
      { allocations: [{ statementId: "s1", amount: "12.50" }], token: "tok_1", note: "$$5 off" },
    ]);
  });

  it("reads the action's result out of its RSC answer", () => {
    const body =
      '0:{"a":"$@1","f":"","b":"build"}\n1:{"ok":true,"data":{"paymentId":"p1","status":"CAPTURED"}}\n';
    expect(actionResult(body)).toEqual({ ok: true, data: { paymentId: "p1", status: "CAPTURED" } });
    expect(actionResult('0:{"a":"$@1"}\n1:{"ok":false,"code":"DECLINED"}\n')).toEqual({
      ok: false,
      code: "DECLINED",
    });
    expect(actionResult("0:{}\n")).toBeNull();
  });

  it("keeps the cookies a response sets, the later value of a name winning", () => {
    const first = cookieHeader(["__Host-next-auth.csrf-token=abc%7Cdef; Path=/; HttpOnly", "cb=x; Path=/"]);
    expect(first).toBe("__Host-next-auth.csrf-token=abc%7Cdef; cb=x");
    expect(cookieHeader(["__Secure-next-auth.session-token=jwt; Path=/", "cb=y; Path=/"], first)).toBe(
      "__Host-next-auth.csrf-token=abc%7Cdef; cb=y; __Secure-next-auth.session-token=jwt",
    );
  });

  it("merges two load generators' runs: all requests over the longer wall time, percentiles over all latencies", () => {
    const a = { latencies: [10, 20, 30, 40], errors: 1, wallMs: 1000 };
    const b = { latencies: [50, 60, 70, 80, 90, 100], errors: 0, wallMs: 2000 };
    const merged = passFigures([a, b]);
    expect(merged.count).toBe(10);
    expect(merged.perSecond).toBe(5); // 10 requests in 2 s, not 4/s + 3/s
    expect(merged.p50).toBe(50);
    expect(merged.p95).toBe(100);
    expect(merged.errors).toBe(1);
    expect(passFigures([a])).toMatchObject({ count: 4, perSecond: 4, p50: 20 });
  });

  it("splits connections over instances as evenly as whole numbers go", () => {
    expect(splitConnections(50, 2)).toEqual([25, 25]);
    expect(splitConnections(21, 2)).toEqual([11, 10]);
    expect(splitConnections(20, 1)).toEqual([20]);
  });
});

describe("a server's CPU profile", () => {
  it("sums self time by package and by function, idle and GC named as V8 names them", async () => {
    const { topCosts, codeOwner } = await import("./http-support");
    expect(codeOwner("file:///w/node_modules/@prisma/client/runtime/x.js", "q")).toBe("@prisma/client");
    expect(codeOwner("file:///w/.next/server/chunks/123.js", "render")).toBe("app (.next server chunks)");
    expect(codeOwner("", "(garbage collector)")).toBe("(garbage collector)");
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: "(idle)", url: "", lineNumber: -1 } },
        {
          id: 2,
          callFrame: { functionName: "parse", url: "file:///w/node_modules/pg/lib/a.js", lineNumber: 9 },
        },
      ],
      samples: [1, 2, 2, 1],
      timeDeltas: [1000, 2000, 3000, 4000],
    };
    const costs = topCosts(profile);
    expect(costs.totalMs).toBe(10);
    expect(costs.owners).toEqual([
      ["(idle)", 5, 0.5],
      ["pg", 5, 0.5],
    ]);
    expect(costs.functions[1]).toEqual(["parse pg:10", 5, 0.5]);
  });
});

describe("processCpuMs", () => {
  it("adds a process's user and system ticks from /proc/<pid>/stat, even with a space in its name", () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
    const stat = "4242 (node server) S 1 4242 4242 0 -1 4194560 5000 0 3 0 1234 56 0 0 20 0 11 0";
    expect(processCpuMs(stat)).toBe((1234 + 56) * 10);
  });
});
