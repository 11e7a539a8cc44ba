import type { z } from "zod";
import type { TContext } from "./context";
import type { TSql } from "./db";
import type { TResult } from "./http";

/**
 * A /v1 route as the route tables (routes/*.ts) declare it and the API (api.ts) runs it: a read
 * gets the database, a write its idempotent transaction (TContext) and its parsed body.
 */

export type TApiRequest = {
  params: Record<string, string>;
  query: URLSearchParams;
};

export type TApiRoute =
  | { kind: "read"; run: (db: TSql, req: TApiRequest) => Promise<TResult> }
  | {
      kind: "write";
      schema: z.ZodType;
      run: (ctx: TContext, params: Record<string, string>, input: unknown) => Promise<TResult>;
    };

export type TApiRouteTable = { method: string; path: string; handler: TApiRoute }[];

/** A GET route: no body, no idempotency key. */
export const read = (run: (db: TSql, req: TApiRequest) => Promise<TResult>): TApiRoute => ({
  kind: "read",
  run,
});

/**
 * A POST (or DELETE) route: its body is parsed with `schema` before `run` sees it; it runs under
 * its Idempotency-Key.
 */
export const write = <S extends z.ZodType>(
  schema: S,
  run: (ctx: TContext, params: Record<string, string>, input: z.output<S>) => Promise<TResult>,
): TApiRoute => ({
  kind: "write",
  schema,
  run: (ctx, params, input) => run(ctx, params, input as z.output<S>),
});
