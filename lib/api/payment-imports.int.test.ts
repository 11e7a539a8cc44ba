import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getAck } from "@/app/api/v1/payment-imports/[id]/acknowledgement/route";
import { GET as getImport } from "@/app/api/v1/payment-imports/[id]/route";
import { GET as getImports, POST as postImport } from "@/app/api/v1/payment-imports/route";
import { PAYMENT_IMPORT_MAX_BYTES } from "@/lib/api/schemas";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { makeAccount, makePractice, makeStatement } from "@/lib/test/api-fixtures";
import { storedTextByTable } from "@/lib/test/stored-text";
import { setupTestDatabase } from "@/lib/test/test-db";

/**
 * POST /api/v1/payment-imports takes an IMPTI10 file as its body and imports it as an upload or
 * the inbox would; GET answers the import and its IMIA10 acknowledgement. Through the route
 * handlers, on the test's database.
 */

const database = setupTestDatabase();
const cli = { kind: "command-line" } as const;
const CARD = "4000056655665556";

type THandler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** An IMPTI10 line: a cash row of $`amount` for `account`, then fields by position (38 fields). */
const row = (account: string, amount: string, f: Record<number, string> = {}) => {
  const fields: Record<number, string> = {
    1: "IMPTI10",
    2: "M1",
    3: "FRONT-DESK",
    4: "T1",
    5: "Cash",
    6: "AuthCapt",
    7: "20261120",
    8: amount,
    16: "Maria Lopez",
    27: "Lopez",
    28: "Maria",
    30: account,
    ...f,
  };
  return Array.from({ length: 38 }, (_, i) => fields[i + 1] ?? "").join("|");
};

let practice: { id: string; clientId: string };
let writeKey: string;
let readKey: string;
let otherKey: string;
let account: { id: string; accountNumber: string };
let statement: { id: string };
let seq = 0;

const fileName = () => `PT_${practice.clientId}_20261206_${++seq}.txt`;

const send = async (
  handler: unknown,
  {
    path,
    method = "GET",
    key,
    params = {},
    body,
    headers = {},
  }: {
    path: string;
    method?: string;
    key?: string;
    params?: Record<string, string>;
    body?: BodyInit;
    headers?: Record<string, string>;
  },
) => {
  const response = await (handler as THandler)(
    new Request(`http://localhost:3000/api/v1${path}`, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
      body,
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit),
    { params: Promise.resolve(params) },
  );
  const text = await response.text();
  const isJson = /json/.test(response.headers.get("content-type") ?? "");
  return { status: response.status, headers: response.headers, text, json: isJson ? JSON.parse(text) : null };
};

const post = (text: BodyInit, { key = writeKey, name = fileName() as string | null, headers = {} } = {}) =>
  send(postImport, {
    path: `/payment-imports${name === null ? "" : `?file_name=${encodeURIComponent(name)}`}`,
    method: "POST",
    key,
    body: text,
    headers: { "content-type": "text/plain", ...headers },
  });

const importCount = () => database.db.importFile.count({ where: { practiceId: practice.id } });

beforeAll(async () => {
  practice = await makePractice(database.db);
  const other = await makePractice(database.db);
  writeKey = (await createApiKey({ practiceId: practice.id, name: "w", scope: "write", actor: cli })).key;
  readKey = (await createApiKey({ practiceId: practice.id, name: "r", scope: "read", actor: cli })).key;
  otherKey = (await createApiKey({ practiceId: other.id, name: "o", scope: "write", actor: cli })).key;
  account = await makeAccount(database.db, practice.id);
  statement = await makeStatement(database.db, account.id, { balanceCents: 10000 });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("POST /api/v1/payment-imports", () => {
  it("imports the file: 201 with its counts, the payment recorded, the acknowledgement row by row, the full card number nowhere; the same file again is 200 and changes nothing", async () => {
    const file = `${[
      row(account.accountNumber, "25.00"),
      row(account.accountNumber, "12.345"),
      row(account.accountNumber, "10.00", { 5: "CreditCard", 11: CARD }),
    ].join("\r\n")}\r\n`;
    const name = fileName();
    const created = await post(file, { name });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      object: "payment_import",
      file_name: name,
      status: "processed",
      row_count: 3,
      accepted_count: 1,
      rejected_count: 2,
      payments_recorded: 1,
      duplicate: false,
      acknowledgement: {
        file_name: `IMIA10_${name}`,
        url: expect.stringMatching(new RegExp(`/api/v1/payment-imports/${created.json.id}/acknowledgement$`)),
      },
    });
    expect(created.headers.get("location")).toMatch(
      new RegExp(`/api/v1/payment-imports/${created.json.id}$`),
    );
    const after = await database.db.statement.findUniqueOrThrow({ where: { id: statement.id } });
    expect(after.balanceCents).toBe(7500);
    const payments = await database.db.payment.findMany({ where: { importFileId: created.json.id } });
    expect(payments).toEqual([expect.objectContaining({ channel: "IMPORT", amountCents: 2500 })]);

    const ack = await send(getAck, {
      path: `/payment-imports/${created.json.id}/acknowledgement`,
      key: readKey,
      params: { id: created.json.id },
    });
    expect(ack.status).toBe(200);
    expect(ack.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(ack.headers.get("content-disposition")).toBe(`attachment; filename="IMIA10_${name}"`);
    expect(ack.text.split("\n")).toEqual([
      "IMIA10|1|IMPTI10|A",
      expect.stringMatching(/^IMIA10\|2\|IMPTI10\|R\|8\|BAD_AMOUNT\|/),
      expect.stringMatching(/^IMIA10\|3\|IMPTI10\|R\|11\|FULL_CARD_NUMBER\|/),
      "",
    ]);

    const shown = await send(getImport, {
      path: `/payment-imports/${created.json.id}`,
      key: readKey,
      params: { id: created.json.id },
    });
    expect(shown.status).toBe(200);
    expect(shown.json).toEqual({ ...created.json, duplicate: false });

    // The same bytes again, under another name: the first import, nothing changed.
    const before = {
      imports: await importCount(),
      payments: await database.db.payment.count(),
      audit: await database.db.auditLog.count(),
    };
    const again = await post(file);
    expect(again.status).toBe(200);
    expect(again.headers.get("location")).toBeNull();
    expect(again.json).toEqual({ ...created.json, duplicate: true });
    expect({
      imports: await importCount(),
      payments: await database.db.payment.count(),
      audit: await database.db.auditLog.count(),
    }).toEqual(before);
    expect(
      (await database.db.statement.findUniqueOrThrow({ where: { id: statement.id } })).balanceCents,
    ).toBe(7500);

    // The full card number is in no answer and nowhere in the database.
    for (const answer of [created, ack, shown, again]) {
      expect(answer.text).not.toContain(CARD);
      expect(answer.text).not.toContain(CARD.slice(0, 12));
    }
    const everything = [...(await storedTextByTable(database.sql)).values()].join("\n");
    expect(everything).toContain(created.json.id);
    for (const piece of [CARD, CARD.slice(0, 12), CARD.slice(4)]) {
      expect(everything.includes(piece), `${piece} in the database`).toBe(false);
    }
    // Audited as the key's doing.
    const audit = await database.db.auditLog.findFirstOrThrow({
      where: { action: "import.payment_file", targetId: created.json.id },
    });
    expect(audit.actorLabel).toBe(`api key ${writeKey.slice(0, 17)}…`);
  });

  it("refuses a read key (403) before reading the file, and imports nothing", async () => {
    const before = await importCount();
    const answer = await post(row(account.accountNumber, "1.00"), { key: readKey });
    expect(answer.status).toBe(403);
    expect(answer.headers.get("content-type")).toBe("application/problem+json");
    expect(await importCount()).toBe(before);
    const none = await post(row(account.accountNumber, "1.00"), { key: "" });
    expect(none.status).toBe(401);
  });

  it("refuses a body over 10 MB with 413: at once for its Content-Length, and while reading a body that has none, without reading the rest", async () => {
    const before = await importCount();
    const declared = await post("x", { headers: { "content-length": String(PAYMENT_IMPORT_MAX_BYTES + 1) } });
    expect(declared.status).toBe(413);
    expect(declared.json.detail).toBe(`The file may be at most ${PAYMENT_IMPORT_MAX_BYTES} bytes.`);

    // A stream with no end: 1 MB chunks of good rows, for as long as they are pulled.
    const line = new TextEncoder().encode(`${row(account.accountNumber, "0.01")}\n`);
    const chunk = new Uint8Array(1024 * 1024);
    for (let at = 0; at + line.length <= chunk.length; at += line.length) chunk.set(line, at);
    let pulled = 0;
    let isCancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(chunk.slice());
      },
      cancel() {
        isCancelled = true;
      },
    });
    const streamed = await post(endless);
    expect(streamed.status).toBe(413);
    expect(streamed.json).toMatchObject({ status: 413, detail: expect.stringContaining("at most") });
    // What follows is dropped, at most 4 MB of it, and then the body is cancelled: never read to its end.
    await vi.waitFor(() => expect(isCancelled).toBe(true));
    expect(pulled).toBeGreaterThan(10);
    expect(pulled).toBeLessThan(18);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const settled = pulled;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pulled).toBe(settled);

    // Exactly at the limit is taken (and its rows read: blank padding).
    const atLimit = new Uint8Array(PAYMENT_IMPORT_MAX_BYTES).fill(0x0a);
    atLimit.set(line, 0);
    const taken = await post(atLimit);
    expect(taken.status).toBe(201);
    expect(taken.json).toMatchObject({ row_count: 1, accepted_count: 1 });
    expect(await importCount()).toBe(before + 1);
  });

  it("needs its file name, this practice's, a text/plain body that is not empty: 400 or 415 saying so, nothing imported", async () => {
    const before = await importCount();
    const body = row(account.accountNumber, "1.00");
    const missing = await post(body, { name: null });
    expect(missing.status).toBe(400);
    expect(missing.json.errors).toEqual([
      expect.objectContaining({
        field: "file_name",
        detail: "Send the file's name as file_name, e.g. ?file_name=PT_RFM001_20261206_1.txt.",
      }),
    ]);
    const bad = await post(body, { name: "payments.txt" });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([
      expect.objectContaining({ field: "file_name", detail: expect.stringContaining("PT_<ClientID>") }),
    ]);
    const foreign = await post(body, { name: "PT_SOMEONE-ELSE_20261206_1.txt" });
    expect(foreign.status).toBe(400);
    expect(foreign.json.detail).toBe(
      `file_name must name this practice's client ID: PT_${practice.clientId}_<YYYYMMDD>_<UniqueID>.txt.`,
    );
    const json = await post(JSON.stringify({ file: body }), {
      headers: { "content-type": "application/json" },
    });
    expect(json.status).toBe(415);
    const latin = await post(body, { headers: { "content-type": "text/plain; charset=iso-8859-1" } });
    expect(latin.status).toBe(415);
    const empty = await post("");
    expect(empty.status).toBe(400);
    expect(empty.json.detail).toBe("The body is empty: send the file as the body.");
    expect(await importCount()).toBe(before);
  });

  it("answers another practice's import as not found, and an unfinished import's acknowledgement 409", async () => {
    const mine = await post(row(account.accountNumber, "2.00"));
    expect(mine.status).toBe(201);
    const id = mine.json.id as string;
    for (const handler of [getImport, getAck]) {
      const foreign = await send(handler, { path: `/payment-imports/${id}`, key: otherKey, params: { id } });
      expect(foreign.status).toBe(404);
      const missing = await send(handler, {
        path: "/payment-imports/nope",
        key: readKey,
        params: { id: "nope" },
      });
      expect(missing.status).toBe(404);
      expect(foreign.json).toMatchObject({ detail: missing.json.detail });
    }
    const running = await database.db.importFile.create({
      data: {
        practiceId: practice.id,
        kind: "PAYMENT_IMPORT",
        fileName: fileName(),
        sha256: "f".repeat(64),
        status: "PROCESSING",
      },
    });
    const early = await send(getAck, {
      path: `/payment-imports/${running.id}/acknowledgement`,
      key: readKey,
      params: { id: running.id },
    });
    expect(early.status).toBe(409);
    expect(early.json.detail).toMatch(/^The import is processing/);
    const status = await send(getImport, {
      path: `/payment-imports/${running.id}`,
      key: readKey,
      params: { id: running.id },
    });
    expect(status.json).toMatchObject({ status: "processing", acknowledgement: null });
    // Another kind of import is no payment import.
    const balance = await database.db.importFile.create({
      data: {
        practiceId: practice.id,
        kind: "BALANCE",
        fileName: "PS_X_20261206_1.txt",
        sha256: "e".repeat(64),
        status: "PROCESSED",
      },
    });
    const wrongKind = await send(getImport, {
      path: `/payment-imports/${balance.id}`,
      key: readKey,
      params: { id: balance.id },
    });
    expect(wrongKind.status).toBe(404);
  });

  it("answers GET on the collection 405 naming POST", async () => {
    const answer = await send(getImports, { path: "/payment-imports", key: readKey });
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe("POST");
  });
});
