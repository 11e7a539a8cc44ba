// The producer side of `npm run bench:posting`: one posting file written in a process of its
// own, started the way `npm run worker` starts (node --import ./scripts/server-only.mjs --import tsx), so
// that its memory is the producer's and the worker's, not the benchmark's (which holds the
// seeding and the COPY baseline). Reads DATABASE_URL, PRACTICE_ID, FORMAT and BUSINESS_DAY;
// prints one JSON line: time, CPU, RSS before, peak RSS (sampled every 20 ms, and the kernel's
// high-water mark VmHWM) and the file.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { getDatabase } from "@/lib/db";
import { producePostingFile } from "@/lib/exports/posting-file";
import type { TPostingFormat } from "@/lib/exports/posting-rows";

const vmHwm = () => {
  const line = readFileSync("/proc/self/status", "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmHWM:"));
  return line ? Number(line.replace(/\D/g, "")) * 1024 : 0;
};

const main = async () => {
  const database = await getDatabase();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const { file } = await producePostingFile({
    practiceId: process.env.PRACTICE_ID!,
    format: process.env.FORMAT as TPostingFormat,
    businessDay: new Date(`${process.env.BUSINESS_DAY}T00:00:00Z`),
    producer: { kind: "job" },
  });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  await database.close();
  console.log(
    JSON.stringify({
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssBefore,
      peak: Math.max(peak, process.memoryUsage().rss),
      hwm: vmHwm(),
      file: {
        fileName: file.fileName,
        rowCount: file.rowCount,
        byteCount: file.byteCount,
        status: file.status,
      },
    }),
  );
};

void main();
