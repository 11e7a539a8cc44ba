import type { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { TRequestLogStore } from "../lib/log/logger.mjs";

/** What scripts/server.mjs learns of every finished request (its log line; the request metrics). */
export type TFinishedRequest = {
  requestId: string;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  aborted: boolean;
  userId?: string;
  paymentId?: string;
};

export declare const FORWARDING_HEADERS: string[];

export declare const createPortalServer: (options: {
  handle: (req: IncomingMessage, res: ServerResponse) => unknown;
  routeOf: (path: string) => string;
  observe: (request: TFinishedRequest) => void;
  log: Pick<Logger, "info" | "error">;
  requests: AsyncLocalStorage<TRequestLogStore>;
  trustProxy?: boolean;
  keepAliveTimeoutMs?: number;
  shutdownTimeoutMs?: number;
  stopApp?: () => Promise<void>;
  exit?: (code: number) => void;
}) => { server: Server; shutdown: (signal: string) => Promise<void>; isStopping: () => boolean };
