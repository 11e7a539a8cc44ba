import type { AsyncLocalStorage } from "node:async_hooks";
import type { AddressInfo } from "node:net";
import net from "node:net";
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { annotateRequest, currentRequest, requestStore } from "@/lib/log/logger.mjs";
import { createPortalServer, type TFinishedRequest } from "./http-server.mjs";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const servers: { close: () => void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A portal server around `handle` on a free port, recording what it observes and how it exits. */
const start = async (
  handle: (req: IncomingMessage, res: ServerResponse) => unknown,
  options: { trustProxy?: boolean; shutdownTimeoutMs?: number; stopApp?: () => Promise<void> } = {},
) => {
  const observed: TFinishedRequest[] = [];
  const exits: number[] = [];
  const log = { info: vi.fn(), error: vi.fn() };
  const portal = createPortalServer({
    handle,
    routeOf: (path) => (path.startsWith("/receipts/") ? "/receipts/[paymentId]" : path.split("?")[0]!),
    observe: (r) => observed.push(r),
    log: log as never,
    requests: requestStore() as AsyncLocalStorage<never>,
    exit: (code) => exits.push(code),
    ...options,
  });
  await new Promise<void>((resolve) => portal.server.listen(0, "127.0.0.1", resolve));
  servers.push({ close: () => portal.server.closeAllConnections() });
  portal.server.unref();
  const { port } = portal.server.address() as AddressInfo;
  return { ...portal, port, observed, exits, log, url: `http://127.0.0.1:${port}` };
};

const deferred = () => {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve: () => resolve() };
};

const ok = (_req: IncomingMessage, res: ServerResponse) => res.end("ok");

describe("the portal's HTTP server: request ids and the request log", () => {
  it("gives every answer a new X-Request-Id, ignoring the client's when no proxy of ours is trusted", async () => {
    const seen: (string | undefined)[] = [];
    const s = await start((req, res) => {
      seen.push(currentRequest()?.requestId);
      expect(req.headers["x-request-id"]).toBe(currentRequest()?.requestId);
      expect(req.headers["x-forwarded-for"]).toBe("127.0.0.1");
      res.end("ok");
    });
    const a = await fetch(s.url, {
      headers: { "X-Request-Id": "chosen-by-client", "X-Forwarded-For": "6.6.6.6" },
    });
    const b = await fetch(s.url);
    const ids = [a.headers.get("x-request-id"), b.headers.get("x-request-id")];
    expect(ids[0]).toMatch(UUID);
    expect(ids[1]).toMatch(UUID);
    expect(ids[0]).not.toBe(ids[1]);
    expect(seen).toEqual(ids);
  });

  it("keeps a well-formed X-Request-Id from a trusted proxy, and replaces a malformed one", async () => {
    const s = await start(ok, { trustProxy: true });
    const kept = await fetch(s.url, { headers: { "X-Request-Id": "lb-7f3a.1:2_x" } });
    expect(kept.headers.get("x-request-id")).toBe("lb-7f3a.1:2_x");
    for (const bad of ["has space", "x".repeat(129), 'quote"d', "semi;colon", "<script>"]) {
      const replaced = await fetch(s.url, { headers: { "X-Request-Id": bad } });
      expect(replaced.headers.get("x-request-id")).toMatch(UUID);
    }
  });

  it("returns the id on errors too, and observes each request once: method, route pattern, status, latency, the ids the app annotated", async () => {
    const s = await start((req, res) => {
      if (req.url === "/boom") {
        res.statusCode = 500;
        res.end("error");
        return;
      }
      annotateRequest({ userId: "user_1", paymentId: "pay_1" });
      res.end("receipt");
    });
    const receipt = await fetch(`${s.url}/receipts/pay_1?print=1`, { method: "POST" });
    const boom = await fetch(`${s.url}/boom`);
    expect(boom.status).toBe(500);
    expect(boom.headers.get("x-request-id")).toMatch(UUID);
    await vi.waitFor(() => expect(s.observed).toHaveLength(2));
    expect(s.observed[0]).toEqual({
      requestId: receipt.headers.get("x-request-id"),
      method: "POST",
      route: "/receipts/[paymentId]",
      status: 200,
      durationMs: expect.any(Number),
      aborted: false,
      userId: "user_1",
      paymentId: "pay_1",
    });
    expect(s.observed[1]).toMatchObject({ route: "/boom", status: 500, userId: undefined });
  });

  it("keeps an idle connection open past Node's 5 s, so that a load balancer's reuse of it is answered, not reset", async () => {
    const s = await start(ok);
    const connections: unknown[] = [];
    s.server.on("connection", (socket) => connections.push(socket));
    const connection = await connect(s.port);
    connection.send("/bills");
    await vi.waitFor(() => expect(s.observed).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    connection.send("/payments");
    await vi.waitFor(() => expect(s.observed).toHaveLength(2));
    expect(s.observed.map((r) => [r.route, r.status])).toEqual([
      ["/bills", 200],
      ["/payments", 200],
    ]);
    expect(connections).toHaveLength(1);
    expect(connection.text()).toMatch(/\r\nKeep-Alive: timeout=65\r\n/i);
    expect(connection.text().match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
  }, 10_000);

  it("answers an address with a control character in its path or a NUL anywhere 400 before the app sees it, server actions' calls included", async () => {
    const seen: string[] = [];
    const s = await start((req, res) => {
      seen.push(req.url ?? "");
      res.end("ok");
    });
    const action = {
      method: "POST",
      headers: { "next-action": "7f00", "content-type": "text/plain" },
      body: "[]",
    };
    for (const [path, init] of [
      ["/receipts/%00/pdf", {}],
      ["/bills/%0Aabc", {}],
      ["/staff?q=%00abc", {}],
      ["/staff?q=a+%00", action],
      ["/guest?x=%E0%A4%A", {}],
    ] as const) {
      const refused = await fetch(`${s.url}${path}`, init);
      expect(refused.status, path).toBe(400);
      expect(await refused.text()).toBe("Bad request: the address has a character it may not have.");
      expect(refused.headers.get("x-request-id")).toMatch(UUID);
    }
    // A tab or a newline in a query is text someone pasted into a search box: the page's to handle.
    for (const path of ["/staff?q=a%09b%0Ac", "/pay"])
      expect((await fetch(`${s.url}${path}`, action)).status).toBe(200);
    expect(seen).toEqual(["/staff?q=a%09b%0Ac", "/pay"]);
    await vi.waitFor(() => expect(s.observed).toHaveLength(7));
    expect(s.observed.filter((r) => r.status === 400)).toHaveLength(5);
  });
});

/** A raw HTTP/1.1 connection: write requests on it, read everything until the server closes it. */
const connect = async (port: number) => {
  const socket = net.connect(port, "127.0.0.1");
  socket.on("error", () => {}); // a reset when the test's server is closed under it
  await new Promise((resolve) => socket.once("connect", resolve));
  let text = "";
  socket.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  return {
    send: (path: string) => socket.write(`GET ${path} HTTP/1.1\r\nHost: portal\r\n\r\n`),
    /** What the server has written so far. */
    text: () => text,
    closed: async () => {
      await closed;
      return text;
    },
  };
};

describe("the portal's HTTP server: graceful shutdown", () => {
  it("finishes the request in flight, answers a new request on an open connection 503, then stops the app and exits 0", async () => {
    const steps: string[] = [];
    const slowStarted = deferred();
    const slowReleased = deferred();
    const s = await start(
      async (req, res) => {
        if (req.url === "/slow") {
          slowStarted.resolve();
          await slowReleased.promise;
          steps.push("slow answered");
          res.end("paid");
          return;
        }
        res.end("ok");
      },
      {
        stopApp: async () => {
          steps.push("app stopped");
        },
      },
    );
    const arrived: string[] = [];
    s.server.on("request", (req: IncomingMessage) => arrived.push(req.url ?? ""));
    const connection = await connect(s.port);
    connection.send("/slow");
    await slowStarted.promise;

    const stopped = s.shutdown("SIGTERM");
    // A new request on the busy connection after SIGTERM: refused, and the connection closes.
    connection.send("/next");
    await vi.waitFor(() => expect(arrived).toEqual(["/slow", "/next"]));
    // A new connection is not taken at all.
    await expect(fetch(s.url)).rejects.toThrow();
    expect(steps).toEqual([]);
    expect(s.exits).toEqual([]);

    slowReleased.resolve();
    const text = await connection.closed();
    await stopped;
    expect(text.indexOf("HTTP/1.1 200 OK")).toBeGreaterThanOrEqual(0);
    expect(text).toContain("paid");
    const refused = text.slice(text.indexOf("HTTP/1.1 503"));
    expect(refused).toMatch(/^HTTP\/1\.1 503 Service Unavailable/);
    expect(refused).toMatch(/\r\nConnection: close\r\n/i);
    expect(refused).toMatch(/\r\nX-Request-Id: [0-9a-f-]{36}\r\n/i);
    expect(text.indexOf("HTTP/1.1 200")).toBeLessThan(text.indexOf("HTTP/1.1 503"));
    expect(steps).toEqual(["slow answered", "app stopped"]);
    expect(s.exits).toEqual([0]);
    expect(s.observed.map((r) => [r.route, r.status])).toEqual([
      ["/slow", 200],
      ["/next", 503],
    ]);
  });

  it("exits 1 when something still hangs after the shutdown timeout", async () => {
    const hanging = deferred();
    const s = await start(
      () => {
        hanging.resolve(); // and never answers
      },
      { shutdownTimeoutMs: 300 },
    );
    void fetch(`${s.url}/hang`).catch(() => {});
    await hanging.promise;
    void s.shutdown("SIGTERM");
    await vi.waitFor(() => expect(s.exits).toEqual([1]), { timeout: 5_000 });
    expect(s.log.error).toHaveBeenCalledWith({ inFlight: 1 }, expect.stringMatching(/longer than 0.3 s/));
  });
});
