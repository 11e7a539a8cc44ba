import type { AsyncLocalStorage } from "node:async_hooks";
import type { DestinationStream, Level, Logger } from "pino";

/** What the log line of a request carries besides method, route, status and latency. */
export type TRequestLogStore = { requestId: string; userId?: string; paymentId?: string };

export declare const logLevel: (env?: Record<string, string | undefined>) => Level | "silent";
export declare const requestStore: () => AsyncLocalStorage<TRequestLogStore>;
export declare const currentRequest: () => TRequestLogStore | undefined;
export declare const annotateRequest: (fields: { userId?: string; paymentId?: string }) => void;
export declare const createLogger: (options?: { level?: string; destination?: DestinationStream }) => Logger;
export declare const getLogger: () => Logger;
/** Sends console.* through `log` (redacted JSON lines with the request id); returns the undo. */
export declare const routeConsoleToLogger: (log: Logger) => () => void;
