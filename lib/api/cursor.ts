import { apiProblem } from "./problem";

/**
 * A page's cursor: where the last row of the page sat in the list's order, (updatedAt, id),
 * opaque to callers (base64url of JSON). Keyset paging: a row added or changed while a caller
 * pages comes later in the order, so no row is skipped or shown twice within one walk.
 */
export type TKeyset = { at: Date; id: string };

export const encodeCursor = ({ at, id }: TKeyset) =>
  Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");

export const decodeCursor = (cursor: string): TKeyset => {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof at === "string" && typeof id === "string" && id.length > 0 && id.length <= 64) {
      const date = new Date(at);
      if (!Number.isNaN(date.getTime())) return { at: date, id };
    }
  } catch {
    // below
  }
  throw apiProblem("invalid-request", "The cursor is not one this API gave.", {
    errors: [
      { field: "cursor", code: "invalid_cursor", detail: "Pass the next_cursor of an earlier answer." },
    ],
  });
};

/** The margin of the horizon (settledHorizon in lib/api/settled.ts): clocks of instances may differ by this much. */
export const SETTLE_MS = 5_000;
