// The one logger of a process (pino, JSON lines on stdout), and the store of the request being
// handled. Plain JavaScript so that scripts/server.mjs loads the same file as the app's bundle
// (types in logger.d.mts). Both live on globalThis under Symbol.for keys: the Next bundle holds
// its own copy of this module, but it finds the logger and the AsyncLocalStorage that
// scripts/server.mjs made, so a line written by app code carries the id of its request.
import { AsyncLocalStorage } from "node:async_hooks";
import { inspect } from "node:util";
import pino from "pino";
import { redactText, redactValue } from "./redact.mjs";

const LOGGER = Symbol.for("portal.log.logger");
const REQUESTS = Symbol.for("portal.log.requests");

const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/** LOG_LEVEL (fatal, error, warn, info, debug, trace, silent); info when unset or unknown. */
export const logLevel = (env = process.env) => {
  const level = (env.LOG_LEVEL ?? "").trim().toLowerCase();
  return LEVELS.has(level) ? level : "info";
};

/** The requests of this process: scripts/server.mjs runs each one inside `run(store, …)`. */
export const requestStore = () => (globalThis[REQUESTS] ??= new AsyncLocalStorage());

/** The request being handled here ({ requestId, userId?, paymentId? }), if any. */
export const currentRequest = () => requestStore().getStore();

/**
 * Adds what the app learned about the current request to its log line (scripts/server.mjs
 * writes it when the answer is sent): the signed-in user's id, the payment's id. Ids only:
 * never names, emails or anything a person typed. Outside a request it does nothing.
 */
export const annotateRequest = (fields) => {
  const request = currentRequest();
  if (!request) return;
  if (typeof fields.userId === "string") request.userId = fields.userId;
  if (typeof fields.paymentId === "string") request.paymentId = fields.paymentId;
};

/** Every argument of a log call, redacted (lib/log/redact.mjs) before pino sees it. */
const redactArgs = (args) => {
  const [first, ...rest] = args;
  const tail = rest.map((a) => (typeof a === "string" ? redactText(a) : redactValue(a)));
  if (typeof first === "string") return [redactText(first), ...tail];
  if (first instanceof Error) return [{ err: redactValue(first) }, ...tail];
  return [redactValue(first), ...tail];
};

/** A new pino logger with the portal's settings; `getLogger()` is the process's one. */
export const createLogger = ({ level = logLevel(), destination } = {}) =>
  pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: redactValue },
      // Lines written while handling a request carry its id.
      mixin: () => {
        const request = currentRequest();
        return request ? { requestId: request.requestId } : {};
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, redactArgs(args));
        },
      },
    },
    destination,
  );

/** The logger of this process (made on first use, then shared through globalThis). */
export const getLogger = () => (globalThis[LOGGER] ??= createLogger());

/**
 * Sends console.error/warn/info/log/debug through `log` (scripts/server.mjs does it for Next's
 * own messages: an error thrown while rendering, a refused server action), so that everything
 * the server prints is a redacted JSON line with the request id. Returns a function that puts
 * the console back.
 */
export const routeConsoleToLogger = (log) => {
  const saved = { ...console };
  const forward =
    (level) =>
    (...args) => {
      const err = args.find((a) => a instanceof Error);
      const msg = args
        .filter((a) => a !== err)
        .map((a) => (typeof a === "string" ? a : inspect(a, { depth: 4, breakLength: Infinity })))
        .join(" ");
      log[level](err ? { err } : {}, msg || err?.message || "");
    };
  console.error = forward("error");
  console.warn = forward("warn");
  console.info = forward("info");
  console.log = forward("info");
  console.debug = forward("debug");
  return () => Object.assign(console, saved);
};
