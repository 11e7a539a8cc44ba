import { appUrl } from "@/lib/env";

/**
 * Every error the API answers is an RFC 9457 problem (`application/problem+json`): `type` (a URI
 * naming the kind of problem, listed in docs/api.md), `title` (the same for every problem of the
 * type), `status`, `detail` (this occurrence, in words), `instance` (the request's path) and our
 * `request_id`; a validation problem lists each field's error in `errors`. Never a stack trace
 * or an internal message.
 */
export const PROBLEM_TYPES = {
  "invalid-request": {
    status: 400,
    title: "The request is not valid.",
    description: "A parameter, header or body field breaks its rule; `errors` names each one and why.",
  },
  unauthorized: {
    status: 401,
    title: "A valid API key is required.",
    description: "No Authorization: Bearer <key> header, or a key that is unknown or revoked.",
  },
  forbidden: {
    status: 403,
    title: "The API key's scope does not allow this.",
    description: "A read key asked for a write; an admin can make a write key.",
  },
  "not-found": {
    status: 404,
    title: "Not found.",
    description:
      "No such record for this key's practice (another practice's record is answered the same way), or no such path.",
  },
  "method-not-allowed": {
    status: 405,
    title: "Method not allowed.",
    description: "The path exists but not with this method; the Allow header lists the one it takes.",
  },
  "statement-conflict": {
    status: 409,
    title: "The statement number belongs to another account.",
    description:
      "Statement numbers are unique: this one is another account's (the balance file refuses the row as ACCOUNT_MISMATCH).",
  },
  "import-not-finished": {
    status: 409,
    title: "The import has not finished.",
    description:
      "Its acknowledgement is written when the whole file has been read: ask again when the import's status is processed. A failed import is taken up by sending the same file again.",
  },
  "payload-too-large": {
    status: 413,
    title: "The request body is too large.",
    description:
      "A JSON body may be at most 64 KB; a file sent as the body (text/plain) at most what its operation says (a payment import: 10 MB). Split a bigger file.",
  },
  "unsupported-media-type": {
    status: 415,
    title: "The request body is not of the media type this operation takes.",
    description:
      "Send Content-Type: application/json, or text/plain for an operation that takes a file (a payment import).",
  },
  "idempotency-key-reused": {
    status: 422,
    title: "This Idempotency-Key was used with another request.",
    description:
      "A key stands for one change for 24 hours: the same request again is answered as the first time; another request needs a new key.",
  },
  "rate-limited": {
    status: 429,
    title: "Too many requests for this API key.",
    description: "The key made its requests of this minute; Retry-After says how many seconds to wait.",
  },
  internal: {
    status: 500,
    title: "Something went wrong on our side.",
    description:
      "Nothing was changed unless the answer says so; quote the request_id if you contact the practice.",
  },
} as const;

export const PROBLEM_TYPE_NAMES = Object.keys(PROBLEM_TYPES) as TProblemType[];

export type TProblemType = keyof typeof PROBLEM_TYPES;

/** One field's error in an `invalid-request` problem: where (a JSON pointer or a parameter), what. */
export type TFieldProblem = { field: string; code: string; detail: string };

export type TProblem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  request_id: string;
  errors?: TFieldProblem[];
};

export const problemTypeUri = (type: TProblemType) => appUrl(`/api/v1/problems/${type}`);

const API_PROBLEM = Symbol.for("patient-portal.ApiProblem");

/** Thrown inside an endpoint to answer with a problem (recognised by its brand, never instanceof). */
export type TApiProblem = {
  [API_PROBLEM]: true;
  type: TProblemType;
  detail: string;
  errors?: TFieldProblem[];
  headers?: Record<string, string>;
};

export const apiProblem = (
  type: TProblemType,
  detail: string,
  extra: { errors?: TFieldProblem[]; headers?: Record<string, string> } = {},
): TApiProblem => ({ [API_PROBLEM]: true, type, detail, ...extra });

export const isApiProblem = (value: unknown): value is TApiProblem =>
  typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[API_PROBLEM] === true;

/** The problem's body as sent. */
export const problemBody = (
  problem: Pick<TApiProblem, "type" | "detail" | "errors">,
  { instance, requestId }: { instance: string; requestId: string },
): TProblem => ({
  type: problemTypeUri(problem.type),
  title: PROBLEM_TYPES[problem.type].title,
  status: PROBLEM_TYPES[problem.type].status,
  detail: problem.detail,
  instance,
  request_id: requestId,
  ...(problem.errors ? { errors: problem.errors } : {}),
});

export const problemResponse = (
  problem: Pick<TApiProblem, "type" | "detail" | "errors" | "headers">,
  {
    instance,
    requestId,
    headers = {},
  }: { instance: string; requestId: string; headers?: Record<string, string> },
) =>
  new Response(JSON.stringify(problemBody(problem, { instance, requestId })), {
    status: PROBLEM_TYPES[problem.type].status,
    headers: {
      "content-type": "application/problem+json",
      "cache-control": "no-store",
      "x-request-id": requestId,
      ...headers,
      ...problem.headers,
    },
  });
