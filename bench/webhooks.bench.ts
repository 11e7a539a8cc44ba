// Outbound webhook delivery (issue 12) to a local receiver, beside pg-boss's bare job throughput
// in the same run (bench/README.md, RESULTS.md).
//
//   npm run bench:webhooks            # = node --import ./scripts/server-only.mjs --import tsx bench/webhooks.bench.ts
//   npm run bench:webhooks -- --events=5000 --rate=50 --seconds=20
//
// Setup (not timed): a fresh `portal_bench_<random>` database on the local PostgreSQL, migrated
// and seeded with the demo data; one enabled endpoint of the demo practice for every event type,
// pointing at a real HTTP receiver (lib/test/webhook-receiver.ts: node http on 127.0.0.1, 200 at
// once) in this process; WEBHOOK_ALLOWED_HOSTS=127.0.0.1.
//
// 1. Baseline: pg-boss's bare job throughput: --events no-op jobs inserted at once into a queue of
//    their own and worked by startWorker (lib/jobs/worker.ts) with a no-op handler, --batch jobs
//    (20) fetched per poll every 0.5 s, until all are completed. Jobs per second.
// 2. Throughput: --events integration events emitted (emitEvent in a transaction each, not timed;
//    one delivery each), then the sender drains them (drainWebhooks: claims 20 with a lease,
//    sends them at once, records each attempt, a 2xx makes it DELIVERED). Deliveries per second.
// 3. Latency: events emitted at --rate per second for --seconds (each a payment.approved written
//    in its own transaction, as an approval commits it) while the worker's poller
//    (lib/webhooks/poller.ts, WEBHOOK_POLL_MS, default 1000) runs; for each, the time from its
//    commit to its arrival at the receiver. p50 and p99, at the default poll and at --poll-ms.
//
// Then it checks that every event arrived exactly once per phase and drops the database.
import { performance } from "node:perf_hooks";
import os from "node:os";
import { openDatabase, setDbForTests } from "@/lib/db";
import { emitEvent } from "@/lib/events/emit";
import { EVENT_TYPES } from "@/lib/events/types";
import { createJobQueue } from "@/lib/jobs/queue";
import { startWorker } from "@/lib/jobs/worker";
import { DEMO, seedDemoData } from "@/lib/seed/demo-data";
import { startReceiver } from "@/lib/test/webhook-receiver";
import { drainWebhooks } from "@/lib/webhooks/deliver";
import { startWebhookPoller } from "@/lib/webhooks/poller";
import { newSigningSecret, sealSecret } from "@/lib/webhooks/secret-box";
import { createBenchDatabase, fixed, loadAverage, log, ms, param, stats, withCleanup } from "./support";

const EVENTS = param("events", 2000);
const RATE = param("rate", 50);
const SECONDS = param("seconds", 10);
const FAST_POLL_MS = param("poll-ms", 100);
/** Jobs pg-boss fetches per poll in the baseline (the sender claims 20 deliveries at a time). */
const BATCH = param("batch", 20);

const sleep = (msToWait: number) => new Promise((r) => setTimeout(r, msToWait));

await withCleanup(async (defer) => {
  log(`# Webhook delivery vs pg-boss bare jobs`);
  log(
    `${new Date().toISOString()} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"} · load ${loadAverage()}`,
  );
  log(`events ${EVENTS}, latency phase ${RATE}/s for ${SECONDS} s, poll ${FAST_POLL_MS} ms and the default`);

  const database = await createBenchDatabase();
  defer(database.drop);
  const opened = await openDatabase({ kind: "postgres", url: database.url }, { migrate: true });
  defer(opened.close);
  setDbForTests(opened);
  defer(async () => setDbForTests(undefined));
  const { db } = opened;
  await seedDemoData(db);

  const receiver = await startReceiver();
  defer(receiver.stop);
  process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
  const practice = await db.practice.findUniqueOrThrow({ where: { clientId: DEMO.practice.clientId } });
  await db.webhookEndpoint.create({
    data: {
      practiceId: practice.id,
      url: receiver.url,
      eventTypes: [...EVENT_TYPES],
      secretCiphertext: sealSecret(newSigningSecret()),
    },
  });
  const emit = (data: Record<string, unknown>) =>
    db.$transaction((tx) => emitEvent(tx, { practiceId: practice.id, type: "payment.approved", data }));

  // 1. pg-boss alone.
  const boss = createJobQueue(opened.target);
  boss.on("error", () => undefined);
  await boss.start();
  defer(() => boss.stop({ graceful: false, wait: true, timeout: 5000 }));
  let done = 0;
  // pg-boss 10 takes jobs only into a queue that exists.
  await boss.createQueue("bench.noop", { name: "bench.noop", retryLimit: 0 });
  await boss.insert(Array.from({ length: EVENTS }, () => ({ name: "bench.noop", data: {} })));
  const jobsStart = performance.now();
  await startWorker({
    boss,
    definitions: [{ name: "bench.noop", queue: { retryLimit: 0 }, handler: async () => void (done += 1) }],
    pollingIntervalSeconds: 0.5,
    batchSize: BATCH,
  });
  const jobsDeadline = Date.now() + 120_000;
  while (done < EVENTS) {
    if (Date.now() > jobsDeadline) throw new Error(`pg-boss worked ${done} of ${EVENTS} jobs in 2 minutes`);
    await sleep(5);
  }
  const jobsMs = performance.now() - jobsStart;
  const jobsPerSecond = (EVENTS / jobsMs) * 1000;
  log(
    `\npg-boss bare jobs (batch ${BATCH}, poll 0.5 s): ${EVENTS} in ${ms(jobsMs)} = ${fixed(jobsPerSecond)} jobs/s`,
  );

  // 2. Delivery throughput.
  for (let i = 0; i < EVENTS; i += 1) await emit({ n: i });
  receiver.received.length = 0;
  const drainStart = performance.now();
  const run = await drainWebhooks();
  const drainMs = performance.now() - drainStart;
  const deliveriesPerSecond = (run.delivered / drainMs) * 1000;
  const ids = new Set(receiver.received.map((r) => r.headers["portal-event-id"]));
  log(`deliveries: ${run.delivered} of ${EVENTS} in ${ms(drainMs)} = ${fixed(deliveriesPerSecond)}/s`);
  log(
    `  ${fixed(deliveriesPerSecond / jobsPerSecond, 2)}× pg-boss's bare jobs/s; ${ids.size} distinct ids received, ${receiver.received.length} requests`,
  );
  if (run.delivered !== EVENTS || ids.size !== EVENTS || receiver.received.length !== EVENTS) {
    throw new Error("not every event was delivered exactly once");
  }

  // 3. Approval-to-delivery latency with the worker's poller.
  const latency = async (pollMs: number | undefined) => {
    if (pollMs === undefined) delete process.env.WEBHOOK_POLL_MS;
    else process.env.WEBHOOK_POLL_MS = String(pollMs);
    receiver.received.length = 0;
    const committedAt = new Map<string, number>();
    const stop = startWebhookPoller();
    try {
      const total = RATE * SECONDS;
      const started = performance.now();
      for (let i = 0; i < total; i += 1) {
        const due = started + (i * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const body = await emit({ n: i });
        committedAt.set(body.id, Date.now());
      }
      const end = Date.now() + 30_000;
      while (receiver.received.length < total && Date.now() < end) await sleep(20);
    } finally {
      await stop();
    }
    const lat = receiver.received.map((r) => r.at - committedAt.get(r.headers["portal-event-id"] as string)!);
    const s = stats(lat);
    log(
      `latency, poll ${pollMs ?? "default (1000)"} ms: ${s.count} events, p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, max ${ms(s.max)}`,
    );
    if (s.count !== committedAt.size) throw new Error(`${committedAt.size - s.count} events not delivered`);
    return s;
  };
  await latency(undefined);
  await latency(FAST_POLL_MS);
  log(`\nload at the end ${loadAverage()}`);
});
// pg-boss's timers keep the event loop alive after it stops: end here.
process.exit(process.exitCode ?? 0);
