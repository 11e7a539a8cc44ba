import { randomBytes } from "node:crypto";

let counter = 0;
const pad = (s: string, n: number) => s.padStart(n, "0").slice(-n);

/**
 * A row id for rows written by raw SQL, in the shape of the cuid()s Prisma writes (25
 * characters: "c", time, counter, random), so ids look alike whoever wrote the row. Sorts by
 * time to the millisecond; unique by the counter and 64 random bits.
 */
export const newId = () => {
  counter = (counter + 1) % 1_679_616; // 36^4
  return `c${pad(Date.now().toString(36), 8)}${pad(counter.toString(36), 4)}${pad(
    randomBytes(8).readBigUInt64BE().toString(36),
    12,
  )}`;
};
