// The sandbox gateway as a child process of bench/payments.bench.ts: a separate Node process,
// as in production (ARCHITECTURE.md), on 127.0.0.1 and a free port, with a temporary PGlite
// directory, no added latency, no webhooks, no settlement and no request log. It reports its
// URL and, when asked, its CPU time over the IPC channel, and stops when told to or when the
// parent goes away.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createGatewayServer } from "../gateway/server";

export type TGatewayChildMessage =
  | { type: "ready"; url: string; dataDir: string }
  | { type: "cpu"; id: number; userMicros: number; systemMicros: number }
  | { type: "stopped" };

export type TGatewayParentMessage = { type: "cpu"; id: number } | { type: "stop" };

const send = (message: TGatewayChildMessage) => process.send?.(message);

const dataDir = await mkdtemp(path.join(tmpdir(), "portal-bench-gateway-"));
const gateway = await createGatewayServer({
  port: 0,
  host: "127.0.0.1",
  dataDir,
  latencyMs: 0,
  webhookUrl: null,
  settlementCutoff: null,
  log: () => {},
});

let stopping: Promise<void> | null = null;
const stop = () => {
  stopping ??= (async () => {
    await gateway.close();
    await rm(dataDir, { recursive: true, force: true });
    send({ type: "stopped" });
    process.exit(0);
  })();
  return stopping;
};

process.on("message", (message: TGatewayParentMessage) => {
  if (message.type === "cpu") {
    const { user, system } = process.cpuUsage();
    send({ type: "cpu", id: message.id, userMicros: user, systemMicros: system });
  } else if (message.type === "stop") {
    void stop();
  }
});
process.on("disconnect", () => void stop());
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop());

send({ type: "ready", url: gateway.url, dataDir });
