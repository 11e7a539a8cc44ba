// `npm run posting -- --date YYYY-MM-DD --format imdpa-1.4|x12-835|lockbox-a|deposit [--out FILE] [--practice CLIENT_ID]`:
// writes one end-of-day posting file by hand (docs/files.md, "Producing the posting files"). It is
// the same file the daily job writes (once per practice, format and day: asked again, the stored
// one), written to FILE or to standard output. On PGlite the portal must not be running (one
// process owns the directory).
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { getClock } from "@/lib/clock";
import { toIsoDay } from "@/lib/dates";
import { getDatabase } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { readExportFile } from "@/lib/exports/file-store";
import { parsePostingArgs, POSTING_USAGE } from "@/lib/exports/posting-args";
import { lastClosedBusinessDay, producePostingFile } from "@/lib/exports/posting-file";

const fail = (message: string, code: number): never => {
  console.error(message);
  process.exit(code);
};

const main = async () => {
  const parsed = parsePostingArgs(process.argv.slice(2));
  if (!parsed.ok) return fail(`${parsed.error}\n${POSTING_USAGE}`, 2);
  const { businessDay, format, out, clientId } = parsed.args;
  const database = await getDatabase();
  try {
    const practices = await database.db.practice.findMany({
      where: { postingSettings: { isNot: null }, ...(clientId ? { clientId } : {}) },
      select: {
        id: true,
        clientId: true,
        timeZone: true,
        postingSettings: { select: { cutoffMinutes: true } },
      },
    });
    if (practices.length === 0) {
      return fail(
        clientId
          ? `No practice with client ID ${clientId} has posting settings.`
          : "No practice has posting settings.",
        1,
      );
    }
    if (practices.length > 1) {
      return fail(
        `Several practices have posting settings: name one with --practice (${practices.map((p) => p.clientId).join(", ")}).`,
        2,
      );
    }
    const practice = practices[0]!;
    const closed = lastClosedBusinessDay({
      now: getClock().now(),
      cutoffMinutes: practice.postingSettings!.cutoffMinutes,
      timeZone: practice.timeZone,
    });
    if (businessDay > closed) {
      return fail(
        `The business day ${toIsoDay(businessDay)} has not closed yet; the latest closed day is ${toIsoDay(closed)}.`,
        1,
      );
    }
    const { outcome, file } = await producePostingFile({
      practiceId: practice.id,
      format,
      businessDay,
      producer: { kind: "cli", label: "npm run posting" },
    });
    if (outcome === "in-progress")
      return fail(`${file.fileName} is being written by another worker; try again in a minute.`, 1);
    await pipeline(
      Readable.from(readExportFile("posting", file.id)),
      out ? createWriteStream(out) : process.stdout,
    );
    if (out)
      console.error(
        `${outcome === "produced" ? "Wrote" : "Copied the stored"} ${file.fileName} (${file.rowCount} records) to ${out}`,
      );
  } catch (error) {
    fail(isAppError(error) ? error.userMessage : String(error), 1);
  } finally {
    await database.close();
  }
};

void main();
