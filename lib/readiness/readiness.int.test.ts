import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createHttpGateway } from "@/lib/gateway/client";
import { createFakeGateway } from "@/lib/gateway/fake";
import { answerReadinessRequest } from "@/lib/readiness/endpoint";
import { checkReadiness, type TReadinessDeps } from "@/lib/readiness/readiness";
import { setupTestDatabase, testDbKind } from "@/lib/test/test-db";

const database = setupTestDatabase();

/** A gateway on this machine that takes connections and never answers them. */
const silentServer = async () => {
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
};
const portOf = (server: Server) => (server.address() as AddressInfo).port;

/** A port nothing listens on: a server's, closed again. */
const closedPort = async () => {
  const server = await silentServer();
  const port = portOf(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
};

/** A Prisma Client of this run's kind whose database cannot be reached. */
const unreachableDatabase = async () => {
  if (testDbKind() === "postgres") {
    const url = `postgresql://postgres:hunter2@127.0.0.1:${await closedPort()}/portal`;
    return {
      db: new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) }),
      close: async () => {},
    };
  }
  const pglite = await PGlite.create("memory://");
  await pglite.close();
  const db = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return { db, close: async () => {} };
};

describe("readiness", () => {
  let silent: Server;
  const ok = (): Partial<TReadinessDeps> => ({
    db: async () => database.db,
    gateway: () => createFakeGateway(),
    isWorkerExpected: () => true,
    isWorkerRunning: () => true,
    timeoutMs: 500,
  });

  beforeAll(async () => {
    silent = await silentServer();
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });

  it("is ready when every migration is applied, the database and gateway answer and the worker runs", async () => {
    expect(await checkReadiness(ok())).toEqual({
      isReady: true,
      checks: { migrations: "ok", database: "ok", gateway: "ok", worker: "ok" },
      failing: [],
    });
  });

  it("fails `migrations` when a migration of this code is not in _prisma_migrations", async () => {
    const [last] = await database.db.$queryRaw<{ id: string; migration_name: string }[]>`
      SELECT id, migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`;
    await database.db
      .$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = ${last!.id}`;
    try {
      expect(await checkReadiness(ok())).toMatchObject({ isReady: false, failing: ["migrations"] });
    } finally {
      await database.db
        .$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE id = ${last!.id}`;
    }
    expect((await checkReadiness(ok())).isReady).toBe(true);
  });

  it("fails `database` (and `migrations`, which it cannot read) when the database cannot be reached", async () => {
    const broken = await unreachableDatabase();
    try {
      const result = await checkReadiness({ ...ok(), db: async () => broken.db });
      expect(result.failing).toEqual(["migrations", "database"]);
      expect(result.checks).toMatchObject({ gateway: "ok", worker: "ok" });
    } finally {
      await broken.close();
    }
  });

  it("fails `database` when it does not answer within the check's timeout", async () => {
    const hung = { $queryRaw: () => new Promise<never>(() => {}) } as unknown as PrismaClient;
    const result = await checkReadiness({ ...ok(), db: async () => hung, timeoutMs: 100 });
    expect(result.failing).toEqual(["migrations", "database"]);
  });

  it("fails `gateway` when nothing listens at the gateway's address, or it does not answer in time", async () => {
    const refused = createHttpGateway({ baseUrl: `http://127.0.0.1:${await closedPort()}`, apiKey: "sk_x" });
    expect((await checkReadiness({ ...ok(), gateway: () => refused })).failing).toEqual(["gateway"]);
    const silentGateway = createHttpGateway({
      baseUrl: `http://127.0.0.1:${portOf(silent)}`,
      apiKey: "sk_x",
    });
    expect((await checkReadiness({ ...ok(), gateway: () => silentGateway, timeoutMs: 100 })).failing).toEqual(
      ["gateway"],
    );
  });

  it("fails `worker` when this process should work the queue and does not, and not with JOBS_WORKER=off", async () => {
    const stopped = { ...ok(), isWorkerRunning: () => false };
    expect((await checkReadiness(stopped)).failing).toEqual(["worker"]);
    expect((await checkReadiness({ ...stopped, isWorkerExpected: () => false })).isReady).toBe(true);
  });

  it("answers 503 naming the failing checks and nothing else, never cached", async () => {
    const port = await closedPort();
    const broken = await unreachableDatabase();
    try {
      const gateway = createHttpGateway({
        baseUrl: `http://gateway.internal.example:${port}`,
        apiKey: "sk_x",
      });
      const response = await answerReadinessRequest(() =>
        checkReadiness({ ...ok(), db: async () => broken.db, gateway: () => gateway }),
      );
      expect(response.status).toBe(503);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({
        status: "unavailable",
        failing: ["migrations", "database", "gateway"],
        checks: { migrations: "failing", database: "failing", gateway: "failing", worker: "ok" },
      });
      for (const secret of ["hunter2", "127.0.0.1", "gateway.internal", String(port), "ECONNREFUSED"]) {
        expect(text).not.toContain(secret);
      }
    } finally {
      await broken.close();
    }
    const ready = await answerReadinessRequest(() => checkReadiness(ok()));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: "ready",
      checks: { migrations: "ok", database: "ok", gateway: "ok", worker: "ok" },
    });
  });
});
