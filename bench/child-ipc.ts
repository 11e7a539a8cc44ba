// The benchmarks' helper processes (the sandbox gateway, the SMTP sink) run as child processes
// of the benchmark, as separate programs do in production. This is the small protocol between
// them over Node's IPC channel: the child announces itself with `ready`, then answers requests
// (`{type, id, ...}` → `{type: "answer", id, value}`): `cpu` (its CPU time, which every child
// answers) and `stop` (it finishes, answers, and exits), plus whatever handlers it adds. A child
// also stops when the parent goes away or on SIGINT/SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

type TRequest = { type: string; id: number } & Record<string, unknown>;
type TChildMessage =
  | ({ type: "ready" } & Record<string, unknown>)
  | { type: "answer"; id: number; value: unknown; error?: string };

// ---- in the child ------------------------------------------------------------------------------

export type THandlers = Record<string, (request: Record<string, unknown>) => unknown>;

/**
 * Serves the parent: sends `ready` with `info`, answers `cpu`, the given handlers and `stop`
 * (runs `onStop` with the request, answers its result, exits). Returns nothing; the child keeps
 * running until stopped.
 */
export const serveParent = ({
  info,
  handlers = {},
  onStop,
}: {
  info: Record<string, unknown>;
  handlers?: THandlers;
  onStop: (request: Record<string, unknown>) => Promise<unknown>;
}) => {
  const send = (message: TChildMessage) =>
    new Promise<void>((resolve) => {
      if (!process.send || !process.connected) return resolve();
      process.send(message, undefined, {}, () => resolve());
    });
  let stopping: Promise<void> | null = null;
  const stop = (request: Record<string, unknown> = {}, id?: number) => {
    stopping ??= (async () => {
      let value: unknown = null;
      let error: string | undefined;
      try {
        value = await onStop(request);
      } catch (caught) {
        error = (caught as Error).message;
      }
      if (id !== undefined) await send({ type: "answer", id, value, ...(error ? { error } : {}) });
      process.exit(error ? 1 : 0);
    })();
    return stopping;
  };
  process.on("message", (request: TRequest) => {
    if (request.type === "stop") {
      void stop(request, request.id);
      return;
    }
    const handler =
      request.type === "cpu"
        ? () => {
            const { user, system } = process.cpuUsage();
            return user + system;
          }
        : handlers[request.type];
    void (async () => {
      try {
        if (!handler) throw new Error(`no handler for ${request.type}`);
        await send({ type: "answer", id: request.id, value: await handler(request) });
      } catch (caught) {
        await send({ type: "answer", id: request.id, value: null, error: (caught as Error).message });
      }
    })();
  });
  process.on("disconnect", () => void stop());
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop());
  void send({ type: "ready", ...info });
};

// ---- in the parent -----------------------------------------------------------------------------

export type TBenchChild<TInfo> = {
  info: TInfo;
  pid: number;
  /** Sends a request and waits for its answer. */
  ask: <T>(type: string, args?: Record<string, unknown>) => Promise<T>;
  /** CPU time (user + system) of the child so far, in microseconds. */
  cpuMicros: () => Promise<number>;
  /** Asks the child to stop (with `args` for its stop handler) and waits for it to exit. */
  stop: <T = unknown>(args?: Record<string, unknown>) => Promise<T | null>;
};

/** Starts `bench/<script>` under tsx with `env` added, and waits for its `ready`. */
export const startBenchChild = async <TInfo>(
  script: string,
  env: Record<string, string> = {},
): Promise<TBenchChild<TInfo>> => {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, script)],
    { stdio: ["ignore", "inherit", "inherit", "ipc"], env: { ...process.env, ...env } },
  );
  const waiters = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => {
    for (const w of waiters.values()) w.reject(new Error(`${script} exited`));
    waiters.clear();
  });
  const info = await new Promise<TInfo>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
    child.on("message", (message: TChildMessage) => {
      if (message.type === "ready") {
        const { type: _type, ...rest } = message;
        resolve(rest as TInfo);
      } else if (message.type === "answer") {
        const waiter = waiters.get(message.id);
        waiters.delete(message.id);
        if (message.error) waiter?.reject(new Error(`${script}: ${message.error}`));
        else waiter?.resolve(message.value);
      }
    });
  });
  let nextId = 0;
  const ask = <T>(type: string, args: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      if (!child.connected) return reject(new Error(`${script} is not running`));
      const id = nextId++;
      waiters.set(id, { resolve: (v) => resolve(v as T), reject });
      child.send({ ...args, type, id }, (error) => {
        if (!error) return;
        waiters.delete(id);
        reject(error);
      });
    });
  return {
    info,
    pid: child.pid ?? 0,
    ask,
    cpuMicros: () => ask<number>("cpu"),
    stop: async <T>(args: Record<string, unknown> = {}) => {
      if (child.exitCode !== null || child.signalCode !== null) return null;
      const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
      try {
        return child.connected ? await ask<T>("stop", args) : null;
      } finally {
        await exited;
        clearTimeout(timer);
      }
    },
  };
};
