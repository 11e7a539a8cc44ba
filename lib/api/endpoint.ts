import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { authenticateApiKey, type TApiCaller } from "@/lib/api-keys/authenticate-key";
import { getClock } from "@/lib/clock";
import { hasNul } from "@/lib/input";
import { apiProblem, isApiProblem, problemResponse, type TFieldProblem, type TProblemType } from "./problem";
import { log } from "@/lib/log";

/**
 * One REST endpoint (docs/api.md): what it takes and answers, as zod schemas that both validate
 * the request and write the OpenAPI document (lib/api/openapi.ts), and its handler. `handle`
 * runs every request the same way: a request id; the key (401), its rate limit (429 with
 * Retry-After) and its scope (403); path, query, headers and body parsed (400 listing each
 * field); the handler, scoped by the key's practice; any error a problem+json, never a trace.
 */

export type TEndpointScope = "read" | "write";

export type THeaderParam = { name: string; description: string; schema: z.ZodType };

/**
 * One answer of an endpoint. JSON unless `mediaType` says otherwise: a `text/plain` answer (a
 * file) is streamed from the handler's `stream` and its `schema` is a string.
 */
export type TEndpointResponse = {
  description: string;
  schema: z.ZodType;
  example?: unknown;
  mediaType?: "text/plain";
  /** Headers the answer carries (name → what it says), for the document. */
  headers?: Record<string, string>;
};

/**
 * A request body that is a file (`text/plain`), not JSON: read as a stream, at most `maxBytes`
 * (counted while reading: past it the request is answered 413 at once, whatever Content-Length
 * said), and given to the handler as its chunks, to be read as many times as it needs.
 */
export type TTextBodySpec = { maxBytes: number; description: string; example?: string };

/** A text body as received: its bytes, in the chunks they came in (never joined into one). */
export type TRequestText = {
  byteLength: number;
  /** The chunks again, from the start, each time it is called. */
  read: () => AsyncGenerator<Uint8Array>;
};

export type TEndpointDefinition = {
  operationId: string;
  method: "GET" | "PUT" | "POST";
  /** The OpenAPI path below /api/v1, e.g. "/payments/{id}". */
  path: string;
  summary: string;
  description: string;
  tag: string;
  /** null: no key needed (the OpenAPI document itself). */
  scope: TEndpointScope | null;
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: THeaderParam[];
  body?: { schema: z.ZodType; example?: unknown };
  /** A file as the body instead of JSON (`text/plain`); not with `body`. */
  textBody?: TTextBodySpec;
  responses: Record<number, TEndpointResponse>;
  /** The problems this endpoint may answer besides 401, 429 and 500 (and 403 for a write). */
  problems: TProblemType[];
};

export type THandlerContext<TParams, TQuery, TBody, TText = undefined> = {
  params: TParams;
  query: TQuery;
  body: TBody;
  /** The text body, for an endpoint with `textBody`. */
  text: TText;
  headers: Headers;
  caller: TApiCaller;
  requestId: string;
  now: Date;
};

/** JSON `body`, or a `text/plain` answer streamed from `stream` (a response with that mediaType). */
export type THandlerResult = {
  status: number;
  body?: unknown;
  stream?: AsyncIterable<string>;
  headers?: Record<string, string>;
};

/** The most a JSON body may be. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

const issuesOf = (
  error: z.ZodError,
  where: "path" | "query" | "body" | "header",
  header?: string,
): TFieldProblem[] =>
  error.issues.map((issue) => {
    const path = issue.path.map(String);
    const field =
      where === "body"
        ? `/${path.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`
        : where === "header"
          ? header!
          : (path[0] ?? (issue.code === "unrecognized_keys" ? issue.keys.join(", ") : ""));
    return { field, code: issue.code, detail: issue.message };
  });

const invalid = (errors: TFieldProblem[]) =>
  apiProblem(
    "invalid-request",
    errors.length === 1 ? errors[0]!.detail : `${errors.length} fields are not valid.`,
    {
      errors,
    },
  );

/** The query string as an object: a parameter given twice is a list (and refused by its schema). */
const queryObject = (url: URL) => {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const existing = out[key];
    out[key] = existing === undefined ? value : ([] as string[]).concat(existing, value);
  }
  return out;
};

/**
 * After a body passes its limit, this much more is read and dropped (in the background, while the
 * 413 goes out), so that a client still sending a file a little too big reads the answer on a
 * healthy connection instead of a reset one; past it the body is cancelled, which drops the
 * connection.
 */
const DRAIN_AFTER_LIMIT_BYTES = 4 * 1024 * 1024;

const drainThenCancel = async (reader: ReadableStreamDefaultReader<Uint8Array>) => {
  let dropped = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      dropped += value.byteLength;
      if (dropped > DRAIN_AFTER_LIMIT_BYTES) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // The client went away: nothing to drain.
  }
};

/**
 * The body's bytes in the chunks they come in, counted as they come: past `maxBytes` nothing more
 * is kept and the answer is 413 at once (as it is for a Content-Length above the limit); what
 * follows is dropped, at most DRAIN_AFTER_LIMIT_BYTES of it.
 */
const readBodyChunks = async (request: Request, maxBytes: number, what: string) => {
  const tooLarge = () => apiProblem("payload-too-large", `${what} may be at most ${maxBytes} bytes.`);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let byteLength = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      byteLength += value.byteLength;
      if (byteLength > maxBytes) {
        void drainThenCancel(reader);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  return { chunks, byteLength };
};

const readJsonBody = async (request: Request) => {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([a-z0-9.+-]*\+)?json\b/i.test(type)) {
    throw apiProblem("unsupported-media-type", "Send the body as JSON with Content-Type: application/json.");
  }
  const { chunks } = await readBodyChunks(request, MAX_JSON_BODY_BYTES, "The body");
  let text: string;
  try {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    text = chunks.map((c) => decoder.decode(c, { stream: true })).join("") + decoder.decode();
  } catch {
    throw invalid([{ field: "/", code: "invalid_utf8", detail: "The body is not UTF-8 text." }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid([{ field: "/", code: "invalid_json", detail: "The body is not valid JSON." }]);
  }
};

const TEXT_PLAIN = /^text\/plain\s*(;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/**
 * A `text/plain` body (a file), read chunk by chunk up to `maxBytes` (readBodyChunks). UTF-8 or
 * ASCII; the file's own rules deal with its lines and any byte that is not UTF-8.
 */
const readTextBody = async (request: Request, { maxBytes }: TTextBodySpec): Promise<TRequestText> => {
  const type = request.headers.get("content-type") ?? "";
  const charset = CHARSET.exec(type)?.[1]?.toLowerCase();
  if (!TEXT_PLAIN.test(type) || (charset && charset !== "utf-8" && charset !== "us-ascii")) {
    throw apiProblem(
      "unsupported-media-type",
      "Send the file as the body with Content-Type: text/plain (UTF-8).",
    );
  }
  const { chunks, byteLength } = await readBodyChunks(request, maxBytes, "The file");
  if (byteLength === 0) {
    throw invalid([
      { field: "/", code: "empty_body", detail: "The body is empty: send the file as the body." },
    ]);
  }
  return {
    byteLength,
    read: async function* () {
      yield* chunks;
    },
  };
};

const parse = <T extends z.ZodType>(
  schema: T | undefined,
  value: unknown,
  where: "path" | "query" | "body" | "header",
  header?: string,
): z.infer<T> | undefined => {
  if (!schema) return undefined;
  if (hasNul(value)) {
    throw invalid([
      { field: header ?? where, code: "invalid_character", detail: "A value has a NUL character." },
    ]);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(issuesOf(parsed.error, where, header));
  return parsed.data;
};

const jsonResponse = (status: number, body: unknown, headers: Record<string, string>) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });

/**
 * A text answer streamed as its chunks are produced (one chunk in memory at a time). The first
 * chunk is read before the answer starts, so a failure there is still a problem+json 500; a
 * failure later is logged and breaks the stream off, so the client never takes a cut answer for
 * a whole one.
 */
const textResponse = async (
  status: number,
  stream: AsyncIterable<string>,
  headers: Record<string, string>,
  failed: (error: unknown) => void,
) => {
  const encoder = new TextEncoder();
  const iterator = stream[Symbol.asyncIterator]();
  let first: IteratorResult<string> | null = await iterator.next();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = first ?? (await iterator.next());
        first = null;
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        failed(error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers },
  });
};

export const defineEndpoint = <
  TParamsSchema extends z.ZodObject | undefined = undefined,
  TQuerySchema extends z.ZodObject | undefined = undefined,
  TBodySchema extends z.ZodType | undefined = undefined,
  TText extends TTextBodySpec | undefined = undefined,
>(
  definition: Omit<TEndpointDefinition, "params" | "query" | "body" | "textBody"> & {
    params?: TParamsSchema;
    query?: TQuerySchema;
    body?: { schema: NonNullable<TBodySchema>; example?: unknown };
    textBody?: TText;
  },
  handler: (
    ctx: THandlerContext<
      TParamsSchema extends z.ZodObject ? z.infer<TParamsSchema> : undefined,
      TQuerySchema extends z.ZodObject ? z.infer<TQuerySchema> : undefined,
      TBodySchema extends z.ZodType ? z.infer<TBodySchema> : undefined,
      TText extends TTextBodySpec ? TRequestText : undefined
    >,
  ) => Promise<THandlerResult>,
) => {
  if (definition.body && definition.textBody) {
    throw new Error(`${definition.operationId}: a JSON body or a text body, not both`);
  }
  const handle = async (
    request: Request,
    paramsPromise?: Promise<Record<string, string>>,
  ): Promise<Response> => {
    const requestId = randomUUID();
    const url = new URL(request.url);
    const instance = url.pathname;
    let headers: Record<string, string> = { "x-request-id": requestId };
    try {
      const now = getClock().now();
      const caller = definition.scope === null ? null : await authorize(request, now, definition.scope);
      if (caller) headers = { ...headers, ...caller.headers };
      const params = parse(definition.params, paramsPromise ? await paramsPromise : {}, "path");
      const query = parse(definition.query, queryObject(url), "query");
      for (const h of definition.headers ?? []) {
        parse(h.schema, request.headers.get(h.name) ?? undefined, "header", h.name);
      }
      const body = definition.body
        ? parse(definition.body.schema, await readJsonBody(request), "body")
        : undefined;
      const text = definition.textBody ? await readTextBody(request, definition.textBody) : undefined;
      const result = await handler({
        params: params as never,
        query: query as never,
        body: body as never,
        text: text as never,
        headers: request.headers,
        caller: caller?.caller as never,
        requestId,
        now,
      });
      if (result.stream) {
        return await textResponse(result.status, result.stream, { ...headers, ...result.headers }, (error) =>
          log.error(
            { err: error },
            `[api] ${request.method} ${instance} request ${requestId} failed while answering`,
          ),
        );
      }
      return jsonResponse(result.status, result.body, { ...headers, ...result.headers });
    } catch (error) {
      if (isApiProblem(error)) return problemResponse(error, { instance, requestId, headers });
      log.error({ err: error }, `[api] ${request.method} ${instance} request ${requestId} failed`);
      return problemResponse(
        apiProblem("internal", `The request failed; quote request id ${requestId} if you contact us.`),
        { instance, requestId, headers },
      );
    }
  };
  return { definition: definition as TEndpointDefinition, handle };
};

/**
 * The key of the request (401 without a good one), counted against its limit (429 with
 * Retry-After past it) and checked for the scope (403); the rate-limit headers to answer with.
 */
const authorize = async (request: Request, now: Date, scope: TEndpointScope) => {
  const auth = await authenticateApiKey({ authorization: request.headers.get("authorization"), now });
  if (!auth.ok && auth.reason !== "RATE_LIMITED") {
    throw apiProblem(
      "unauthorized",
      auth.reason === "MISSING"
        ? "Send an API key: Authorization: Bearer <key>."
        : "The API key is not valid: it is unknown, mistyped or revoked.",
      { headers: { "www-authenticate": 'Bearer realm="api"' } },
    );
  }
  const rate = {
    "x-ratelimit-limit": String(auth.limit),
    "x-ratelimit-reset": String(Math.ceil(auth.resetAt.getTime() / 1000)),
  };
  if (!auth.ok) {
    const seconds = Math.max(1, Math.ceil((auth.resetAt.getTime() - now.getTime()) / 1000));
    throw apiProblem(
      "rate-limited",
      `This key may make ${auth.limit} requests a minute. Try again in ${seconds} seconds.`,
      { headers: { ...rate, "x-ratelimit-remaining": "0", "retry-after": String(seconds) } },
    );
  }
  if (scope === "write" && auth.caller.scope !== "WRITE") {
    throw apiProblem("forbidden", "This is a read key; this request needs a key with the write scope.", {
      headers: { ...rate, "x-ratelimit-remaining": String(auth.remaining) },
    });
  }
  return { caller: auth.caller, headers: { ...rate, "x-ratelimit-remaining": String(auth.remaining) } };
};

/** The answer for a method the path does not have (every route exports it for the others). */
export const methodNotAllowed = (allowed: string) => async (request: Request) =>
  problemResponse(apiProblem("method-not-allowed", `This path answers ${allowed} only.`), {
    instance: new URL(request.url).pathname,
    requestId: randomUUID(),
    headers: { allow: allowed },
  });

/** The answer for a path under /api/v1 that does not exist. */
export const notFoundRoute = async (request: Request) =>
  problemResponse(apiProblem("not-found", "There is no such path in this API (see /api/v1/openapi.json)."), {
    instance: new URL(request.url).pathname,
    requestId: randomUUID(),
  });
