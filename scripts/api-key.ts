// `npm run api-key -- create --name <name> --scope read|write [--practice <clientId>]` prints a
// new REST API key (shown this once); `npm run api-key -- revoke <prefix> [--practice <clientId>]`
// revokes one; `npm run api-key -- list [--practice <clientId>]` lists them. Against the
// configured database (DATABASE_URL, or the PGlite directory: stop `npm start` first, since one
// process owns it). docs/api.md, "Keys".
import { parseArgs } from "node:util";
import { getDatabase, getDb } from "@/lib/db";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { isApiKeyPrefix } from "@/lib/api-keys/keys";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { ZApiKeyName, ZApiKeyScopeName } from "@/lib/api-keys/schemas";
import { isAppError } from "@/lib/errors";

const USAGE = `usage:
  npm run api-key -- create --name <name> --scope read|write [--practice <clientId>]
  npm run api-key -- revoke <prefix> [--practice <clientId>]
  npm run api-key -- list [--practice <clientId>]`;

class UsageProblem extends Error {}

const fail = (message: string): never => {
  throw new UsageProblem(message);
};

/** The practice named by its client ID, or the only one there is. */
const practiceOf = async (clientId: string | undefined) => {
  const db = await getDb();
  if (clientId !== undefined) {
    const practice = await db.practice.findUnique({ where: { clientId }, select: { id: true, name: true } });
    return practice ?? fail(`There is no practice with client ID "${clientId}".`);
  }
  const practices = await db.practice.findMany({
    select: { id: true, name: true, clientId: true },
    take: 20,
  });
  if (practices.length === 1) return practices[0]!;
  if (practices.length === 0) return fail("There is no practice in this database yet.");
  return fail(
    `There are several practices: name one with --practice <clientId> (${practices.map((p) => p.clientId).join(", ")}).`,
  );
};

const run = async (argv: string[]) => {
  const { values, positionals } = (() => {
    try {
      return parseArgs({
        args: argv,
        allowPositionals: true,
        options: { name: { type: "string" }, scope: { type: "string" }, practice: { type: "string" } },
      });
    } catch (error) {
      return fail((error as Error).message);
    }
  })();
  const [command, ...rest] = positionals;
  if (command === "create") {
    if (rest.length > 0) fail(`create takes no ${rest.join(" ")}.`);
    const name = ZApiKeyName.safeParse(values.name ?? "");
    if (!name.success) fail(`--name: ${name.error.issues[0]?.message}`);
    const scope = ZApiKeyScopeName.safeParse(values.scope);
    if (!scope.success) fail("--scope must be read or write.");
    const practice = await practiceOf(values.practice);
    const created = await createApiKey({
      practiceId: practice.id,
      name: name.data!,
      scope: scope.data!,
      actor: { kind: "command-line" },
    });
    console.error(
      `Created ${created.scope} key "${created.name}" (${created.prefix}…) for ${practice.name}.`,
    );
    console.error("It is shown this once; the portal keeps only its hash:");
    console.log(created.key);
    return;
  }
  if (command === "revoke") {
    const prefix = rest[0];
    if (!prefix || rest.length > 1) fail("revoke takes one key prefix, e.g. ppk_live_ab12cd34.");
    const visible = prefix!.replace(/…$/, "").slice(0, 17);
    if (!isApiKeyPrefix(visible)) fail(`"${prefix}" is not a key prefix (ppk_live_ and 8 characters).`);
    const practice = values.practice === undefined ? undefined : await practiceOf(values.practice);
    const revoked = await revokeApiKey({
      prefix: visible,
      practiceId: practice?.id,
      actor: { kind: "command-line" },
    });
    console.log(
      revoked.wasRevoked
        ? `Key "${revoked.name}" (${revoked.prefix}…) was already revoked on ${revoked.revokedAt.toISOString()}.`
        : `Revoked key "${revoked.name}" (${revoked.prefix}…).`,
    );
    return;
  }
  if (command === "list") {
    const practice = await practiceOf(values.practice);
    const db = await getDb();
    const keys = await db.apiKey.findMany({
      where: { practiceId: practice.id },
      orderBy: { createdAt: "asc" },
      select: { prefix: true, name: true, scope: true, lastUsedAt: true, revokedAt: true },
    });
    if (keys.length === 0) console.log(`${practice.name} has no API keys.`);
    for (const k of keys) {
      const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : "active";
      const used = k.lastUsedAt ? `last used ${k.lastUsedAt.toISOString()}` : "never used";
      console.log(`${k.prefix}…  ${k.scope.toLowerCase().padEnd(5)}  ${state}, ${used}  ${k.name}`);
    }
    return;
  }
  fail(command ? `Unknown command "${command}".` : "Say what to do.");
};

const main = async () => {
  let code = 0;
  try {
    await run(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageProblem) {
      console.error(`${error.message}\n\n${USAGE}`);
      code = 2;
    } else if (isAppError(error) && error.code === "NOT_FOUND") {
      console.error("No such key.");
      code = 1;
    } else {
      console.error(error);
      code = 1;
    }
  } finally {
    await (await getDatabase()).close().catch(() => undefined);
  }
  process.exit(code);
};

void main();
