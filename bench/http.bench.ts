// Patients paying over HTTP against the production build, beside a bare route and a static file
// from the same run (bench/README.md, "Over HTTP").
//
//   npm run bench:http                 # = node --import ./scripts/server-only.mjs --import tsx bench/http.bench.ts
//   npm run bench:http -- --flows=400 --seconds=10 --patients=200
//   npm run bench:http -- --layouts=1 --passes=action --log-statements   # count what a payment runs
//
// It needs the production build (.next, `npx next build`) and the local PostgreSQL server. It
// starts the sandbox gateway (bench/gateway-process.ts), creates `portal_bench_http_<random>`,
// migrates and seeds it, then for each layout (one instance; two instances with JOBS_WORKER=off
// and one `npm run worker`) starts `node scripts/server.mjs` as production runs it, signs every
// patient in over HTTP and drives it with autocannon. It checks the payments afterwards and
// drops the database.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, readFile, stat } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { openDatabase } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import {
  actionBody,
  actionResult,
  cookieHeader,
  findActionId,
  passFigures,
  processCpuMs,
  sampleRecorder,
  splitConnections,
  topCosts,
  type TPassFigures,
  type TPassSample,
} from "./http-support";
import {
  CLOCK_TICKS,
  createBenchDatabase,
  fixed,
  log,
  newCardToken,
  param,
  readPostgresTicks,
  withCleanup,
} from "./support";

// ---- parameters ----------------------------------------------------------------------------------

const PATIENTS = Math.max(1, param("patients", 200));
/** Timed flows (bills, pay page, payment, receipt) per layout. */
const FLOWS = Math.max(1, param("flows", 400));
/** Connections of the payment flow, and of the bare-insert baseline. */
const PAY_CONNECTIONS = Math.max(1, param("concurrency", 20));
/** Connections of the /bills and static-file passes (the issue's 50 concurrent users). */
const PAGE_CONNECTIONS = Math.max(1, param("users", 50));
/** Seconds of each timed page, static and insert pass. */
const SECONDS = Math.max(1, param("seconds", 10));
const WARMUP_FLOWS = param("warmup", 40);
/** --cpuprofile=<dir>: run the servers under `node --cpu-prof`, the profiles written there on exit. */
const CPU_PROFILE_DIR = process.argv
  .find((a) => a.startsWith("--cpuprofile="))
  ?.slice("--cpuprofile=".length);
/** --layouts=1 or 1,2: which layouts to run (instances). */
/**
 * --pg-socket=<dir>: the servers (and the worker) reach PostgreSQL over its Unix socket in <dir>
 * (e.g. /var/run/postgresql) instead of TCP loopback, as a portal on the database's own machine
 * would; the load still comes over HTTP on loopback.
 */
const PG_SOCKET_DIR = process.argv.find((a) => a.startsWith("--pg-socket="))?.slice("--pg-socket=".length);
/** The database's URL for the servers: over the Unix socket when --pg-socket is given. */
const serverDatabaseUrl = (url: string) => {
  if (!PG_SOCKET_DIR) return url;
  const viaSocket = new URL(url);
  viaSocket.searchParams.set("host", PG_SOCKET_DIR);
  return viaSocket.toString();
};
/** --passes=static,login,bills,insert,flow,action: which timed passes to run (all by default; for profiling one). */
const PASSES = new Set(
  (
    process.argv.find((a) => a.startsWith("--passes="))?.slice(9) ?? "static,login,bills,insert,flow,action"
  ).split(","),
);
const LAYOUTS = (process.argv.find((a) => a.startsWith("--layouts="))?.slice(10) ?? "1,2")
  .split(",")
  .map(Number)
  .filter((n) => n === 1 || n === 2);

const START_BALANCE_CENTS = 100_000_000; // $1,000,000.00 per statement
const PASSWORD = "Bench-password-2026";
const BASELINE_TABLE = "bench_baseline_insert"; // lib/bench/baseline-route.ts
const ROOT = path.resolve(import.meta.dirname, "..");

// ---- processes -----------------------------------------------------------------------------------

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

type TProcess = { name: string; child: ChildProcess; stop: () => Promise<void> };

const startProcess = (name: string, args: string[], env: Record<string, string>): TProcess => {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(chunk.toString());
    if (tail.length > 50) tail.shift();
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", (code, signal) => {
    if (!stopping && code !== 0) console.error(`${name} exited (${code ?? signal}):\n${tail.join("")}`);
  });
  let stopping = false;
  return {
    name,
    child,
    stop: async () => {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
};

const waitFor = async (url: string, timeoutMs = 120_000) => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
};

/** `npm run worker`'s node flags and script, read from package.json (as bench/posting.bench.ts does). */
const workerArgs = () => {
  const script = (
    JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    }
  ).scripts.worker!;
  return script.replace(/^node\s+/, "").split(/\s+/);
};

// ---- the database --------------------------------------------------------------------------------

type TPatient = { email: string; statementId: string; cookie: string };

/** One practice; per patient a verified login (one argon2id hash, computed once), an account link and one statement. */
const seed = async (db: PrismaClient) => {
  const passwordHash = await hashPassword(PASSWORD);
  const practiceId = "bench_practice";
  await db.practice.create({
    data: {
      id: practiceId,
      name: "Bench Family Medicine",
      clientId: "BENCH01",
      timeZone: "America/New_York",
    },
  });
  const now = new Date();
  const rows = Array.from({ length: PATIENTS }, (_, i) => ({
    i,
    userId: `bench_user_${i}`,
    accountId: `bench_account_${i}`,
    statementId: `bench_statement_${i}`,
    email: `bench-patient-${i}@example.com`,
  }));
  await db.user.createMany({
    data: rows.map((r) => ({
      id: r.userId,
      email: r.email,
      passwordHash,
      role: "PATIENT" as const,
      firstName: "Bench",
      lastName: `Patient${r.i}`,
      emailVerifiedAt: now,
    })),
  });
  await db.account.createMany({
    data: rows.map((r) => ({
      id: r.accountId,
      practiceId,
      accountNumber: `B-${100_000 + r.i}`,
      guarantorFirstName: "Bench",
      guarantorLastName: `Patient${r.i}`,
      email: r.email,
    })),
  });
  await db.accountLink.createMany({ data: rows.map((r) => ({ userId: r.userId, accountId: r.accountId })) });
  await db.statement.createMany({
    data: rows.map((r) => ({
      id: r.statementId,
      accountId: r.accountId,
      statementNumber: `BST-${100_000 + r.i}`,
      statementDate: new Date(now.getTime() - 20 * 86_400_000),
      dueDate: new Date(now.getTime() + 10 * 86_400_000),
      amountDueCents: START_BALANCE_CENTS,
      balanceCents: START_BALANCE_CENTS,
      totalChargesCents: START_BALANCE_CENTS,
      patientFirstName: "Bench",
      patientLastName: `Patient${r.i}`,
      patientDob: new Date("1980-01-01T00:00:00Z"),
      providerName: "Bench Family Medicine",
    })),
  });
  // The bare route's table: in this database only, made here (no migration has it).
  await db.$executeRawUnsafe(
    `CREATE TABLE ${BASELINE_TABLE} (id bigserial PRIMARY KEY, "createdAt" timestamptz NOT NULL DEFAULT now())`,
  );
  return rows.map((r) => ({ email: r.email, statementId: r.statementId, cookie: "" }));
};

// ---- over HTTP -----------------------------------------------------------------------------------

const makeTokens = async (gatewayUrl: string, count: number) => {
  const tokens: string[] = new Array<string>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = next++; i < count; i = next++) tokens[i] = await newCardToken(gatewayUrl);
    }),
  );
  return tokens;
};

/**
 * Signs a patient in as the login form does (next-auth/react `signIn("credentials", {redirect:
 * false})`): GET /api/auth/csrf for the token and its cookie, then the form's fields posted to
 * /api/auth/callback/credentials. Returns the Cookie header with the session.
 */
const signIn = async (base: string, email: string) => {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = cookieHeader(csrf.headers.getSetCookie());
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-auth-return-redirect": "1",
      cookie,
    },
    body: new URLSearchParams({
      email,
      password: PASSWORD,
      redirect: "false",
      csrfToken,
      callbackUrl: `${base}/bills`,
      json: "true",
    }),
  });
  await response.arrayBuffer();
  const session = cookieHeader(response.headers.getSetCookie(), cookie);
  if (!/next-auth\.session-token=/.test(session)) {
    throw new Error(`sign-in of ${email} failed: ${response.status} ${response.headers.get("location")}`);
  }
  return session;
};

// ---- load ----------------------------------------------------------------------------------------

type TKind = "static" | "login" | "insert" | "bills" | "pay page" | "payment" | "receipt";
type TSampleSet = Partial<Record<TKind, TPassSample>>;
type TContext = { t0?: number; patient?: number; paymentId?: string; amountCents?: number };

type TCannonRequest = {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: TCannonRequest, context: TContext) => TCannonRequest | null;
  onResponse?: (status: number, body: string, context: TContext) => void;
};

/** Counters the flow shares across its connections: which patient and token come next, and what was paid. */
type TFlowState = {
  nextPatient: number;
  tokens: string[];
  paid: { statementId: string; amountCents: number; paymentId: string }[];
  responseBytes: number[];
};

/** One autocannon run against `base`; per kind of request its latencies (stamped at setupRequest) and errors. */
const cannon = (
  base: string,
  {
    connections,
    seconds,
    amount,
    requests,
  }: {
    connections: number;
    seconds?: number;
    amount?: number;
    requests: (record: (kind: TKind, ok: boolean, context: TContext) => void) => TCannonRequest[];
  },
) =>
  new Promise<TSampleSet>((resolve, reject) => {
    const recorder = sampleRecorder<TKind>();
    const record = (kind: TKind, ok: boolean, context: TContext) => recorder.record(kind, ok, context.t0);
    autocannon(
      {
        url: base,
        connections,
        ...(amount ? { amount } : { duration: seconds }),
        timeout: 60,
        requests: requests(record) as Parameters<typeof autocannon>[0]["requests"],
      },
      (error) => {
        if (error) return reject(error);
        resolve(recorder.finish());
      },
    );
  });

/** Stamps the request's start in the connection's context (the request is written right after). */
const stamped =
  (build: (req: TCannonRequest, context: TContext) => TCannonRequest | null) =>
  (req: TCannonRequest, context: TContext) => {
    const built = build(req, context);
    if (built) context.t0 = performance.now();
    return built;
  };

/** A pass of one request, the same for every connection, for `--seconds`: `isOk` says it was answered right. */
const onePathPass =
  (kind: TKind, method: "GET" | "POST", path: string, isOk: (status: number, body: string) => boolean) =>
  (base: string, connections: number) =>
    cannon(base, {
      connections,
      seconds: SECONDS,
      requests: (record) => [
        {
          method,
          path,
          setupRequest: stamped((req) => req),
          onResponse: (status, body, context) => record(kind, isOk(status, body), context),
        },
      ],
    });

const staticPass = onePathPass("static", "GET", "/favicon.ico", (status) => status === 200);

/**
 * The sign-in page with no session: a page of the same root layout as /bills (the CSP nonce, the
 * language, the messages, the switcher), rendered per request, with no query of ours. What any
 * page costs before its own data.
 */
const loginPass = onePathPass(
  "login",
  "GET",
  "/login",
  (status, body) => status === 200 && body.includes("Sign in"),
);

const insertPass = onePathPass("insert", "POST", "/api/bench/insert", (status) => status === 204);

const billsPass = (base: string, connections: number, patients: TPatient[], state: { next: number }) =>
  cannon(base, {
    connections,
    seconds: SECONDS,
    requests: (record) => [
      {
        method: "GET",
        path: "/bills",
        setupRequest: stamped((req) => {
          const patient = patients[state.next++ % patients.length]!;
          return { ...req, headers: { ...req.headers, cookie: patient.cookie } };
        }),
        onResponse: (status, body, context) =>
          record("bills", status === 200 && body.includes("BST-"), context),
      },
    ],
  });

/** The payment as the pay form posts it (payBillAction, a fresh token and idempotency key), for the patient in `context`. */
const paymentRequest = (
  base: string,
  {
    patients,
    actionId,
    state,
    record,
  }: {
    patients: TPatient[];
    actionId: string;
    state: TFlowState;
    record: (kind: TKind, ok: boolean, context: TContext) => void;
  },
): TCannonRequest => ({
  method: "POST",
  setupRequest: stamped((req, context) => {
    const patient = patients[context.patient!]!;
    const token = state.tokens.pop();
    if (!token) return null;
    const amountCents = 100 + ((state.paid.length * 7919 + context.patient! * 31) % 49_900);
    context.amountCents = amountCents;
    // What the pay form sends (components/payments/pay-form.tsx, use-pay-attempt.ts).
    const input = {
      allocations: [{ statementId: patient.statementId, amount: (amountCents / 100).toFixed(2) }],
      token,
      methodKind: "CARD",
      idempotencyKey: randomUUID(),
    };
    return {
      ...req,
      path: "/pay",
      headers: {
        ...req.headers,
        cookie: patient.cookie,
        accept: "text/x-component",
        "content-type": "text/plain;charset=UTF-8",
        "next-action": actionId,
        origin: base,
      },
      body: actionBody([null, input]),
    };
  }),
  onResponse: (status, body, context) => {
    const result = status === 200 ? actionResult(body) : null;
    const paymentId = result?.ok ? (result.data?.paymentId as string | undefined) : undefined;
    const isCaptured = result?.ok && result.data?.status === "CAPTURED";
    if (paymentId) {
      context.paymentId = paymentId;
      state.paid.push({
        statementId: patients[context.patient!]!.statementId,
        amountCents: context.amountCents!,
        paymentId,
      });
      state.responseBytes.push(Buffer.byteLength(body));
    } else if (state.paid.length < 3) {
      console.error(`payment answered ${status}: ${body.slice(0, 300)}`);
    }
    record("payment", Boolean(paymentId && isCaptured), context);
  },
});

/** The action alone, as the issue's outside run measured it: payments back to back, no pages around them. */
const actionPass = (
  base: string,
  {
    connections,
    payments,
    patients,
    actionId,
    state,
  }: { connections: number; payments: number; patients: TPatient[]; actionId: string; state: TFlowState },
) =>
  cannon(base, {
    connections,
    amount: payments,
    requests: (record) => {
      const pay = paymentRequest(base, { patients, actionId, state, record });
      return [
        {
          ...pay,
          setupRequest: (req, context) => {
            context.patient = state.nextPatient++ % patients.length;
            return pay.setupRequest!(req, context);
          },
        },
      ];
    },
  });

/** The patient's flow: bills, the pay page, the payment (payBillAction), the receipt. */
const flowPass = (
  base: string,
  {
    connections,
    flows,
    patients,
    actionId,
    state,
  }: { connections: number; flows: number; patients: TPatient[]; actionId: string; state: TFlowState },
) =>
  cannon(base, {
    connections,
    amount: flows * 4,
    requests: (record) => [
      {
        method: "GET",
        path: "/bills",
        setupRequest: stamped((req, context) => {
          context.patient = state.nextPatient++ % patients.length;
          return { ...req, headers: { ...req.headers, cookie: patients[context.patient]!.cookie } };
        }),
        onResponse: (status, body, context) =>
          record("bills", status === 200 && body.includes("BST-"), context),
      },
      {
        method: "GET",
        setupRequest: stamped((req, context) => {
          const patient = patients[context.patient!]!;
          return {
            ...req,
            path: `/pay?statement=${patient.statementId}`,
            headers: { ...req.headers, cookie: patient.cookie },
          };
        }),
        onResponse: (status, body, context) =>
          record("pay page", status === 200 && body.includes("Pay your bills"), context),
      },
      paymentRequest(base, { patients, actionId, state, record }),
      {
        method: "GET",
        setupRequest: stamped((req, context) => {
          if (!context.paymentId) return null; // no receipt to open: the flow starts over
          const patient = patients[context.patient!]!;
          return {
            ...req,
            path: `/receipts/${context.paymentId}`,
            headers: { ...req.headers, cookie: patient.cookie },
          };
        }),
        onResponse: (status, body, context) =>
          record("receipt", status === 200 && body.includes("Receipt"), context),
      },
    ],
  });

/** The same pass against each instance at once, the connections split between them; samples per kind, side by side. */
const onEach = async (
  bases: string[],
  connections: number,
  pass: (base: string, connections: number, index: number) => Promise<TSampleSet>,
): Promise<Partial<Record<TKind, TPassSample[]>>> => {
  const split = splitConnections(connections, bases.length);
  const runs = await Promise.all(bases.map((base, i) => pass(base, split[i]!, i)));
  const merged: Partial<Record<TKind, TPassSample[]>> = {};
  for (const run of runs) {
    for (const [kind, sample] of Object.entries(run) as [TKind, TPassSample][]) {
      (merged[kind] ??= []).push(sample);
    }
  }
  return merged;
};

/** The newest CPU profile in `dir` (the one-instance server's, written as it exited), summarised. */
const summarizeServerProfile = async (dir: string) => {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".cpuprofile"));
  const newest = (
    await Promise.all(files.map(async (f) => ({ f, at: (await stat(path.join(dir, f))).mtimeMs })))
  ).sort((a, b) => b.at - a.at)[0];
  if (!newest) return [`no CPU profile was written in ${dir}`];
  const file = path.join(dir, newest.f);
  const costs = topCosts(JSON.parse(await readFile(file, "utf8")) as Parameters<typeof topCosts>[0], 20);
  const pct = (share: number) => `${fixed(share * 100)}%`;
  return [
    `## CPU profile of the one-instance server (${file}: its whole life, start to stop; ${fixed(costs.totalMs / 1000)} s sampled)`,
    "",
    "Self time by package:",
    ...costs.owners.map(([name, msSelf, share]) => `- ${name}: ${fixed(msSelf)} ms (${pct(share)})`),
    "",
    "Self time by function:",
    ...costs.functions.map(([name, msSelf, share]) => `- ${name}: ${fixed(msSelf)} ms (${pct(share)})`),
  ];
};

// ---- main ----------------------------------------------------------------------------------------

type TLayoutResult = {
  instances: number;
  figures: Partial<Record<string, TPassFigures>>;
  paymentsPerSecond: number;
  /** The action alone, no pages around it. */
  paymentsAlonePerSecond: number;
  flowWallMs: number;
  actionBytes: number;
  loadAverage: string;
};

const ms = (v: number) => `${v.toFixed(1)} ms`;

const main = () =>
  withCleanup(async (defer) => {
    if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
      console.error(
        "bench:http measures the production build, and there is none in .next: run `NEXT_TELEMETRY_DISABLED=1 npx next build` first.",
      );
      process.exitCode = 2;
      return;
    }
    const manifest = JSON.parse(
      readFileSync(path.join(ROOT, ".next", "server", "server-reference-manifest.json"), "utf8"),
    ) as Parameters<typeof findActionId>[0];
    const actionId = findActionId(manifest, "lib/payments/actions.ts", "payBillAction");
    const startedAt = new Date();
    const loadAtStart = os.loadavg();

    const secret = (prefix = "") => `${prefix}${randomBytes(32).toString("base64url")}`;
    const gatewayApiKey = secret("sk_bench_");
    const { startGateway } = await import("./support");
    const gateway = await startGateway({ apiKey: gatewayApiKey });
    defer(() => gateway.stop());
    log(`gateway: ${gateway.url} (child process, latency 0, no webhooks)`);

    const database = await createBenchDatabase({ prefix: "portal_bench_http" });
    defer(database.drop);
    // --log-statements: PostgreSQL logs every statement of the servers' connections (its server
    // log, e.g. /var/log/postgresql/), to count what a request runs; not for a timed run.
    if (process.argv.includes("--log-statements")) {
      const admin = new (await import("pg")).default.Client({ connectionString: database.url });
      await admin.connect();
      await admin.query(`ALTER DATABASE "${database.name}" SET log_statement = 'all'`);
      await admin.end();
    }
    const { db, close } = await openDatabase({ kind: "postgres", url: database.url }, { migrate: true });
    defer(close);
    const [{ version: pgVersion }] = await db.$queryRaw<[{ version: string }]>`SELECT version()`;
    const patients = await seed(db);
    log(
      `database: ${database.name} (${PATIENTS} patients, one statement each, balance ${START_BALANCE_CENTS} cents)`,
    );

    const sharedEnv: Record<string, string> = {
      DATABASE_URL: serverDatabaseUrl(database.url),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_SECRET: secret(),
      WEBHOOK_SECRET_KEY: secret(),
      GATEWAY_URL: gateway.url,
      GATEWAY_API_KEY: gatewayApiKey,
      GATEWAY_WEBHOOK_SECRET: secret("whsec_bench_"),
      BENCH_BASELINE_ROUTES: "on",
      // The whole run keeps one sign-in per patient (the default is 15 idle minutes).
      SESSION_IDLE_TIMEOUT_SECONDS: "3600",
    };
    if (CPU_PROFILE_DIR) await mkdir(CPU_PROFILE_DIR, { recursive: true });

    const state: TFlowState = { nextPatient: 0, tokens: [], paid: [], responseBytes: [] };
    const results: TLayoutResult[] = [];
    let signInMs = 0;
    let profileSummary: string[] = [];

    for (const instances of LAYOUTS) {
      log();
      log(
        `## ${instances === 1 ? "one instance" : "two instances (JOBS_WORKER=off) and one npm run worker"}`,
      );
      const ports = await Promise.all(Array.from({ length: instances }, freePort));
      const bases = ports.map((port) => `http://127.0.0.1:${port}`);
      const servers = ports.map((port, i) =>
        startProcess(
          `portal ${i + 1}`,
          [
            ...(CPU_PROFILE_DIR && instances === 1
              ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROFILE_DIR}`]
              : []),
            path.join("scripts", "server.mjs"),
          ],
          {
            ...sharedEnv,
            PORT: String(port),
            NEXTAUTH_URL: bases[0]!, // one public origin for all, as behind a load balancer
            ...(instances > 1 ? { JOBS_WORKER: "off" } : {}),
          },
        ),
      );
      const worker = instances > 1 ? startProcess("worker", workerArgs(), sharedEnv) : null;
      const stopAll = async () => {
        await Promise.all([...servers, ...(worker ? [worker] : [])].map((p) => p.stop()));
      };
      defer(stopAll);
      await Promise.all(bases.map((b) => waitFor(`${b}/api/auth/csrf`)));
      log(`instances: ${bases.join(", ")}${worker ? " and a worker" : ""}`);

      // Sessions: made once, over HTTP, on the first instance (they live in the database: any instance takes them).
      if (!patients[0]!.cookie) {
        const t0 = performance.now();
        let next = 0;
        await Promise.all(
          Array.from({ length: 2 }, async () => {
            for (let i = next++; i < patients.length; i = next++) {
              patients[i]!.cookie = await signIn(bases[0]!, patients[i]!.email);
            }
          }),
        );
        signInMs = performance.now() - t0;
        log(`signed in ${patients.length} patients over HTTP in ${fixed(signInMs / 1000)} s (not timed)`);
      }

      // Tokens for the warm-up and timed flows, before any timing (the browser's hosted fields make them).
      const spare = PAY_CONNECTIONS * 2;
      const timedPayments = FLOWS * (Number(PASSES.has("flow")) + Number(PASSES.has("action")));
      state.tokens = await makeTokens(gateway.url, WARMUP_FLOWS + timedPayments + spare);

      // Warm-up: every path, untimed.
      if (WARMUP_FLOWS > 0) {
        await onEach(bases, PAY_CONNECTIONS, (base, connections) =>
          flowPass(base, {
            connections,
            flows: Math.max(connections, Math.ceil(WARMUP_FLOWS / bases.length)),
            patients,
            actionId,
            state,
          }),
        );
        await onEach(bases, PAGE_CONNECTIONS, (base, c) =>
          cannon(base, {
            connections: c,
            amount: c * 4,
            requests: () => [
              { method: "POST", path: "/api/bench/insert" },
              { method: "GET", path: "/favicon.ico" },
            ],
          }),
        );
        log(`warm-up: ${state.paid.length} payments so far`);
      }
      state.tokens = state.tokens.slice(0, timedPayments + spare);

      const billsState = { next: 0 };
      const figures: TLayoutResult["figures"] = {};
      // CPU per request of the portal instance(s), the gateway and PostgreSQL (this database's
      // backends and the server's own processes) over each pass (bench/README.md).
      const cpuNow = async () => ({
        portal: servers.reduce(
          (sum, s) => sum + processCpuMs(readFileSync(`/proc/${s.child.pid}/stat`, "utf8")),
          0,
        ),
        gateway: processCpuMs(readFileSync(`/proc/${gateway.pid}/stat`, "utf8")),
        postgres: await readPostgresTicks(database.name),
      });
      let cpuAtStart = await cpuNow();
      const startCpu = async () => {
        cpuAtStart = await cpuNow();
      };
      /** The figures of a pass; `perOperation` requests of it count as one operation for CPU (a flow is four). */
      const set = async (label: string, samples: TPassSample[] | undefined, { perOperation = 1 } = {}) => {
        if (!samples) return;
        const f = passFigures(samples);
        const operations = samples.reduce((n, s) => n + s.latencies.length, 0) / perOperation;
        const end = await cpuNow();
        // A backend that ended during the pass is not counted (an undercount, never a negative).
        let postgresTicks = 0;
        for (const [pid, t] of end.postgres) postgresTicks += t - (cpuAtStart.postgres.get(pid) ?? 0);
        f.cpu = {
          portalMs: (end.portal - cpuAtStart.portal) / Math.max(1, operations),
          gatewayMs: (end.gateway - cpuAtStart.gateway) / Math.max(1, operations),
          postgresMs: (postgresTicks * 1000) / CLOCK_TICKS / Math.max(1, operations),
        };
        figures[label] = f;
      };
      if (PASSES.has("static")) {
        await startCpu();
        await set("static file", (await onEach(bases, PAGE_CONNECTIONS, staticPass)).static);
      }
      if (PASSES.has("login")) {
        await startCpu();
        await set("/login, no session", (await onEach(bases, PAGE_CONNECTIONS, loginPass)).login);
      }
      if (PASSES.has("bills")) {
        await startCpu();
        await set(
          "/bills",
          (await onEach(bases, PAGE_CONNECTIONS, (b, c) => billsPass(b, c, patients, billsState))).bills,
        );
      }
      if (PASSES.has("insert")) {
        await startCpu();
        await set("bare insert (before)", (await onEach(bases, PAY_CONNECTIONS, insertPass)).insert);
      }
      const paidBefore = state.paid.length;
      const bytesBefore = state.responseBytes.length;
      const perInstanceFlows = splitConnections(FLOWS, bases.length);
      await startCpu();
      const flow = PASSES.has("flow")
        ? await onEach(bases, PAY_CONNECTIONS, (base, connections, i) =>
            flowPass(base, {
              connections,
              flows: Math.max(connections, perInstanceFlows[i]!),
              patients,
              actionId,
              state,
            }),
          )
        : {};
      // The flow's CPU is per whole flow (its four requests), shown on each of its lines.
      await set("flow: /bills", flow.bills);
      await set("flow: /pay", flow["pay page"]);
      await set("flow: payment (payBillAction)", flow.payment);
      await set("flow: receipt", flow.receipt);
      await startCpu();
      // The action alone, as the issue's outside run measured it: payments back to back, no pages.
      const paidBeforeAction = state.paid.length;
      const action = PASSES.has("action")
        ? await onEach(bases, PAY_CONNECTIONS, (base, connections, i) =>
            actionPass(base, {
              connections,
              payments: Math.max(connections, perInstanceFlows[i]!),
              patients,
              actionId,
              state,
            }),
          )
        : {};
      await set("payments alone (payBillAction)", action.payment);
      if (PASSES.has("insert")) {
        await startCpu();
        await set("bare insert (after)", (await onEach(bases, PAY_CONNECTIONS, insertPass)).insert);
      }
      const flowWallMs = Math.max(0, ...(flow.payment ?? []).map((s) => s.wallMs));
      const paid = paidBeforeAction - paidBefore;
      const actionWallMs = Math.max(0, ...(action.payment ?? []).map((s) => s.wallMs));
      const paidAlone = state.paid.length - paidBeforeAction;
      const bytes = state.responseBytes.slice(bytesBefore);
      results.push({
        instances,
        figures,
        paymentsPerSecond: flowWallMs ? (paid * 1000) / flowWallMs : 0,
        paymentsAlonePerSecond: actionWallMs ? (paidAlone * 1000) / actionWallMs : 0,
        flowWallMs,
        actionBytes: bytes.reduce((s, b) => s + b, 0) / Math.max(1, bytes.length),
        loadAverage: os
          .loadavg()
          .map((l) => fixed(l, 2))
          .join(" "),
      });
      log(
        `timed: ${paid} flows in ${fixed(flowWallMs / 1000)} s; ${paidAlone} payments alone in ${fixed(actionWallMs / 1000)} s`,
      );
      await stopAll();
      if (CPU_PROFILE_DIR && instances === 1) profileSummary = await summarizeServerProfile(CPU_PROFILE_DIR);
    }

    // ---- correctness: every payment recorded once; every balance down by exactly its payments ----
    // Receipt emails and the rest finish in the background; the payments themselves answered already.
    const payments = await db.payment.findMany({
      select: { id: true, status: true, gatewayTransactionId: true },
    });
    const answered = new Set(state.paid.map((p) => p.paymentId));
    const captured = payments.filter((p) => p.status === "CAPTURED").length;
    const distinctGatewayIds = new Set(payments.map((p) => p.gatewayTransactionId).filter(Boolean)).size;
    const expected = new Map<string, number>();
    for (const p of state.paid)
      expected.set(p.statementId, (expected.get(p.statementId) ?? 0) + p.amountCents);
    const statements = await db.statement.findMany({ select: { id: true, balanceCents: true } });
    const wrongBalances = statements.filter(
      (s) => START_BALANCE_CENTS - s.balanceCents !== (expected.get(s.id) ?? 0),
    );
    const correct =
      payments.length === state.paid.length &&
      answered.size === state.paid.length &&
      payments.every((p) => answered.has(p.id)) &&
      captured === payments.length &&
      distinctGatewayIds === payments.length &&
      wrongBalances.length === 0;
    const inserted = await db.$queryRawUnsafe<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM ${BASELINE_TABLE}`,
    );

    // ---- report ----------------------------------------------------------------------------------
    const cpus = os.cpus();
    log();
    log("## Machine");
    log(`- CPU: ${cpus[0]?.model ?? "unknown"} × ${cpus.length} logical cores`);
    log(`- memory: ${fixed(os.totalmem() / 2 ** 30)} GiB; ${os.type()} ${os.release()} ${os.arch()}`);
    log(`- Node ${process.version}; ${pgVersion}`);
    log(
      `- the servers reach PostgreSQL over ${PG_SOCKET_DIR ? `its Unix socket (${PG_SOCKET_DIR})` : "TCP loopback"}`,
    );
    log(
      `- load average at start ${loadAtStart.map((l) => fixed(l, 2)).join(" ")}, at end ${os
        .loadavg()
        .map((l) => fixed(l, 2))
        .join(" ")}`,
    );
    log(
      `- started ${startedAt.toISOString()}; ${PATIENTS} patients signed in over HTTP in ${fixed(signInMs / 1000)} s`,
    );
    for (const r of results) {
      log();
      log(
        `## Figures, ${r.instances === 1 ? "one instance" : "two instances + worker"} (flows ${FLOWS} at ${PAY_CONNECTIONS} connections; pages ${SECONDS} s at ${PAGE_CONNECTIONS}; load average after ${r.loadAverage})`,
      );
      log();
      log(
        "| pass | requests/s | p50 | p95 | p99 | max | errors | portal CPU / request | gateway CPU / request | PostgreSQL CPU / request |",
      );
      log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
      for (const [label, f] of Object.entries(r.figures)) {
        if (!f) continue;
        const perFlow = label.startsWith("flow:") ? " per flow" : "";
        log(
          `| ${label} | ${fixed(f.perSecond)} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.p99)} | ${ms(f.max)} | ${f.errors} | ${f.cpu ? `${fixed(f.cpu.portalMs, 2)} ms${perFlow}` : ""} | ${f.cpu ? `${fixed(f.cpu.gatewayMs, 2)} ms${perFlow}` : ""} | ${f.cpu ? `${fixed(f.cpu.postgresMs, 2)} ms${perFlow}` : ""} |`,
        );
      }
      const pay = r.figures["flow: payment (payBillAction)"];
      const insert = [r.figures["bare insert (before)"], r.figures["bare insert (after)"]].filter(
        Boolean,
      ) as TPassFigures[];
      const insertP50 = insert.reduce((s, f) => s + f.p50, 0) / Math.max(1, insert.length);
      const bills = r.figures["/bills"];
      log();
      log(
        `- payments/s (whole flows: four requests each): ${fixed(r.paymentsPerSecond)}; action answer ${fixed(r.actionBytes / 1024)} KB on average`,
      );
      log(`- payments/s, the action alone: ${fixed(r.paymentsAlonePerSecond)}`);
      if (pay && insert.length)
        log(`- flow payment p50 ÷ bare-insert p50 (mean of both passes): ${fixed(pay.p50 / insertP50, 2)}×`);
      const alone = r.figures["payments alone (payBillAction)"];
      const insertCpu =
        insert.map((f) => f.cpu?.portalMs ?? 0).reduce((a, b) => a + b, 0) / Math.max(1, insert.length);
      if (alone?.cpu && insertCpu > 0)
        log(
          `- the portal's part of a payment, in CPU: ${fixed(alone.cpu.portalMs, 2)} ms per payment ÷ ${fixed(insertCpu, 2)} ms per bare insert = ${fixed(alone.cpu.portalMs / insertCpu, 2)}× (one instance can take at most ${fixed(1000 / alone.cpu.portalMs)} payments/s on one core)`,
        );
      if (alone?.cpu) {
        const { portalMs, gatewayMs, postgresMs } = alone.cpu;
        const total = portalMs + gatewayMs + postgresMs;
        log(
          `- CPU a payment alone: portal ${fixed(portalMs, 2)} + gateway ${fixed(gatewayMs, 2)} + PostgreSQL ${fixed(postgresMs, 2)} = ${fixed(total, 2)} ms (the three alone could take at most ${fixed(2000 / total)} payments/s on two cores)`,
        );
      }
      if (alone && insert.length)
        log(
          `- payment alone p50 ÷ bare-insert p50 (mean of both passes): ${fixed(alone.p50 / insertP50, 2)}×`,
        );
      if (bills)
        log(`- /bills at ${PAGE_CONNECTIONS} users: ${fixed(bills.perSecond)}/s, p95 ${ms(bills.p95)}`);
      const login = r.figures["/login, no session"];
      if (login)
        log(
          `- the sign-in page, no session (the layout's own cost): ${fixed(login.perSecond)}/s, p95 ${ms(login.p95)}`,
        );
    }
    if (profileSummary.length > 0) {
      log();
      for (const line of profileSummary) log(line);
    }
    log();
    log("## Correctness");
    log(
      `- payments answered with a receipt ${state.paid.length}; recorded ${payments.length}; captured ${captured}; distinct gateway transactions ${distinctGatewayIds}`,
    );
    log(
      `- balances: ${statements.length - wrongBalances.length} of ${statements.length} statements down by exactly their payments`,
    );
    log(`- bare-route rows inserted: ${inserted[0].n}`);
    log(`- ${correct ? "OK" : "FAILED"}`);
    if (!correct) process.exitCode = 1;
  });

await main();
