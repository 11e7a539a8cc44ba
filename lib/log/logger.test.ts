import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  annotateRequest,
  createLogger,
  currentRequest,
  logLevel,
  requestStore,
  routeConsoleToLogger,
} from "@/lib/log/logger.mjs";

/** A logger writing into an array of parsed JSON lines. */
const capture = (level = "info") => {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: createLogger({ level, destination }), lines };
};

describe("the logger", () => {
  it("writes JSON lines with the level's name, an ISO time and the message", () => {
    const { log, lines } = capture();
    log.info({ port: 3000 }, "ready");
    expect(lines).toEqual([
      expect.objectContaining({
        level: "info",
        msg: "ready",
        port: 3000,
        time: expect.stringMatching(/^\d{4}-/),
      }),
    ]);
  });

  it("redacts messages, fields and errors, whichever way they are passed", () => {
    const { log, lines } = capture();
    log.warn("payment by pat@example.com with 4111 1111 1111 1111");
    log.error({ err: new Error("token: abc123 refused"), password: "Demo-Patient-1" }, "sign-in failed");
    log.error(new Error("card 5555555555554444 declined"));
    log.info("interpolated %s", "4000-0000-0000-0002");
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/pat@example|4111|5555555555554444|4000-0000|abc123|Demo-Patient-1/);
    expect(lines[0]!.msg).toBe("payment by [email] with [card]");
    expect(lines[1]).toMatchObject({ msg: "sign-in failed", password: "[REDACTED]" });
    expect((lines[1]!.err as { message: string }).message).toBe("token: [REDACTED] refused");
    expect(lines[2]).toMatchObject({ msg: "card [card] declined", err: { type: "Error" } });
    expect(lines[3]!.msg).toBe("interpolated [card]");
  });

  it("stamps lines written inside a request with its id, and keeps the annotations for its line", async () => {
    const { log, lines } = capture();
    const store: { requestId: string; userId?: string; paymentId?: string } = { requestId: "req-1" };
    await requestStore().run(store, async () => {
      await Promise.resolve();
      log.info("inside");
      annotateRequest({ userId: "user-1", paymentId: "pay-1" });
      expect(currentRequest()).toBe(store);
    });
    log.info("outside");
    annotateRequest({ userId: "nobody" }); // outside a request: nothing to annotate
    expect(lines.map((l) => [l.msg, l.requestId])).toEqual([
      ["inside", "req-1"],
      ["outside", undefined],
    ]);
    expect(store).toEqual({ requestId: "req-1", userId: "user-1", paymentId: "pay-1" });
  });

  it("honours LOG_LEVEL, info by default", () => {
    expect(logLevel({})).toBe("info");
    expect(logLevel({ LOG_LEVEL: "DEBUG" })).toBe("debug");
    expect(logLevel({ LOG_LEVEL: "loud" })).toBe("info");
    const { log, lines } = capture(logLevel({ LOG_LEVEL: "warn" }));
    log.info("hidden");
    log.warn("shown");
    expect(lines.map((l) => l.msg)).toEqual(["shown"]);
  });

  it("takes over console.* (Next's own messages), redacted, errors under err, until put back", () => {
    const { log, lines } = capture();
    const restore = routeConsoleToLogger(log);
    try {
      console.error(" ⨯ Error rendering", new Error("card 4111 1111 1111 1111 refused"));
      console.warn("slow:", { email: "pat@example.com", ms: 1200 });
      console.log("✓ Ready");
    } finally {
      restore();
    }
    console.info("after restore: not captured");
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ["error", " ⨯ Error rendering"],
      ["warn", "slow: { email: '[email]', ms: 1200 }"],
      ["info", "✓ Ready"],
    ]);
    expect(lines[0]!.err).toMatchObject({ type: "Error", message: "card [card] refused" });
  });
});
