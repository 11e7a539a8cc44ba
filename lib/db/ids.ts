import { randomFillSync } from "node:crypto";

let counter = 0;
/** Random bytes are drawn 4 KB at a time: one call into the CSPRNG per 512 ids, not per id. */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
const random64 = () => {
  if (poolAt === pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const value = pool.readBigUInt64BE(poolAt);
  poolAt += 8;
  return value;
};
const pad = (s: string, n: number) => s.padStart(n, "0").slice(-n);

/**
 * A row id for rows written by raw SQL, in the shape of the cuid()s Prisma writes (25
 * characters: "c", time, counter, random), so ids look alike whoever wrote the row. Sorts by
 * time to the millisecond; unique by the counter and 64 random bits.
 */
export const newId = () => {
  counter = (counter + 1) % 1_679_616; // 36^4
  return `c${pad(Date.now().toString(36), 8)}${pad(counter.toString(36), 4)}${pad(
    random64().toString(36),
    12,
  )}`;
};
