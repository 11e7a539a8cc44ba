import type { TestProject } from "vitest/node";
import { migrate } from "@/lib/db/migrate";
import { postgresConnection } from "@/lib/db/sql";
import {
  TEST_DATABASE_PREFIX,
  assertLocalDatabaseUrl,
  createPostgresDatabase,
  dropPostgresDatabase,
  postgresAdminUrl,
  withDatabaseName,
} from "@/lib/test/postgres";

/**
 * int-postgres: migrates one template database per run; each test file then gets a copy
 * (CREATE DATABASE … TEMPLATE), which is faster than migrating every file's database.
 */
export default async function setup(project: TestProject) {
  const adminUrl = assertLocalDatabaseUrl(postgresAdminUrl());
  const name = await createPostgresDatabase({ adminUrl, prefix: `${TEST_DATABASE_PREFIX}tpl_` });
  try {
    const conn = await postgresConnection(withDatabaseName(adminUrl, name));
    try {
      await migrate(conn);
    } finally {
      await conn.close();
    }
  } catch (error) {
    await dropPostgresDatabase({ adminUrl, name });
    throw error;
  }
  project.provide("postgresTemplateDb", name);
  return async () => {
    await dropPostgresDatabase({ adminUrl, name });
  };
}
