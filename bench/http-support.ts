// Pure helpers of the HTTP benchmark (bench/http.bench.ts), tested in bench/http-support.test.ts:
// the server action's id and body, the session cookie out of Set-Cookie headers, and the
// figures of one timed pass, alone or merged from two load generators run side by side.
import { stats, type TStats } from "./support";

// ---- the server action ---------------------------------------------------------------------------

type TServerReferenceManifest = {
  node?: Record<string, { filename?: string; exportedName?: string }>;
};

/**
 * The id Next gave a server action in this build (.next/server/server-reference-manifest.json):
 * the one entry with that export name from that file. Throws when there is none, or several.
 */
export const findActionId = (manifest: TServerReferenceManifest, filename: string, exportedName: string) => {
  const ids = Object.entries(manifest.node ?? {})
    .filter(([, entry]) => entry.filename === filename && entry.exportedName === exportedName)
    .map(([id]) => id);
  if (ids.length !== 1) {
    throw new Error(
      `expected one server action ${exportedName} of ${filename} in the build's manifest, found ${ids.length}`,
    );
  }
  return ids[0]!;
};

/** React's escape of a string in a reply: one that starts with "$" gets another in front. */
const escapeReplyStrings = (value: unknown): unknown => {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(escapeReplyStrings);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeReplyStrings(v)]));
  }
  return value;
};

/**
 * The body the browser posts for a server action called with plain values: React's
 * `encodeReply` of the argument list, which for JSON-only values is the JSON array of the
 * arguments (strings starting with "$" escaped), sent as text/plain. The pay form calls
 * `payBillAction(null, input)` (components/payments/use-pay-attempt.ts: defineAction's
 * `(prev, input)`), so the list is `[null, input]`.
 */
export const actionBody = (args: unknown[]) => JSON.stringify(escapeReplyStrings(args));

/** The result a server action answered: the RSC line that carries `{"ok":…}` (React's flight format). */
export const actionResult = (rscBody: string): { ok: boolean; data?: Record<string, unknown> } | null => {
  for (const line of rscBody.split("\n")) {
    const json = line.slice(line.indexOf(":") + 1);
    if (!json.startsWith('{"ok":')) continue;
    try {
      return JSON.parse(json) as { ok: boolean; data?: Record<string, unknown> };
    } catch {
      return null;
    }
  }
  return null;
};

// ---- cookies -------------------------------------------------------------------------------------

/** A Cookie header from Set-Cookie headers (name=value of each, the later one winning). */
export const cookieHeader = (setCookies: string[], previous = "") => {
  const jar = new Map<string, string>();
  for (const pair of previous.split("; ").filter(Boolean)) {
    const at = pair.indexOf("=");
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
  for (const header of setCookies) {
    const [pair = ""] = header.split(";");
    const at = pair.indexOf("=");
    if (at <= 0) continue;
    jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
};

// ---- figures -------------------------------------------------------------------------------------

/** What one load generator saw of one kind of request in a timed pass. */
export type TPassSample = {
  /** Latency of each answered request, ms: from the request's write to its answer. */
  latencies: number[];
  /** Requests that answered with an unexpected status or body. */
  errors: number;
  /** Wall time of the load generator's run, ms: from its start to its last answer. */
  wallMs: number;
};

/**
 * The samples of one load generator's run, by kind of request: each answer's latency (from the
 * time its request was sent) or an error. The run's wall time is from the recorder's start to the
 * last answer, not to the load generator's callback: autocannon calls back on its one-second
 * tick, so every run of 1,500 payments lasted a whole number of seconds and 20 ms by it.
 */
export const sampleRecorder = <K extends string>(now: () => number = () => performance.now()) => {
  const startedAt = now();
  let lastAt = startedAt;
  const samples: Partial<Record<K, TPassSample>> = {};
  return {
    record: (kind: K, ok: boolean, sentAt: number | undefined) => {
      lastAt = now();
      const sample = (samples[kind] ??= { latencies: [], errors: 0, wallMs: 0 });
      if (ok && sentAt !== undefined) sample.latencies.push(lastAt - sentAt);
      else sample.errors += 1;
    },
    /** The samples, each with the run's wall time: from the start to the last answer. */
    finish: () => {
      for (const sample of Object.values<TPassSample | undefined>(samples))
        sample!.wallMs = lastAt - startedAt;
      return samples;
    },
  };
};

export type TPassFigures = TStats & {
  perSecond: number;
  errors: number;
  wallMs: number;
  /** CPU time per request (user + system) of the portal instance(s) and of the gateway, over the pass. */
  cpu?: { portalMs: number; gatewayMs: number; postgresMs: number };
};

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat (Linux; clock
 * ticks of 10 ms, fine over a pass of thousands of requests). Unlike a rate or a latency, a
 * process's CPU per request hardly moves with what else the machine is doing.
 */
export const processCpuMs = (stat: string) => {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // After "pid (comm) ": state is field 3, utime field 14 and stime field 15 (proc(5)).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};

/**
 * The figures of one pass, from one load generator or several run side by side (one per
 * instance, started together): the requests of all of them over the longest one's wall time
 * (not the sum of each one's rate, which would count the early finisher's idle end as work),
 * and percentiles over all their latencies together (not an average of percentiles).
 */
export const passFigures = (samples: TPassSample[]): TPassFigures => {
  const latencies = samples.flatMap((s) => s.latencies);
  const wallMs = Math.max(0, ...samples.map((s) => s.wallMs));
  return {
    ...stats(latencies),
    perSecond: wallMs > 0 ? (latencies.length * 1000) / wallMs : 0,
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
    wallMs,
  };
};

/** Splits `total` connections over `parts` load generators as evenly as whole numbers go. */
export const splitConnections = (total: number, parts: number) =>
  Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));

// ---- a server's CPU profile ----------------------------------------------------------------------

type TProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
};

/** Where a frame's code lives: a package of node_modules, Next's server chunks, Node itself, or V8's own work. */
export const codeOwner = (url: string, functionName: string) => {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  if (url.includes("/.next/server/chunks/") || url.includes("/.next/server/app/"))
    return "app (.next server chunks)";
  if (url.startsWith("node:")) return "node internals";
  return url.replace(/^file:\/\//, "");
};

/** Self time by owner and by function, largest first, each as [name, ms, share of the sampled time]. */
export const topCosts = (profile: TProfile, limit = 15) => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id);
    const micros = profile.timeDeltas[i] ?? 0;
    if (!frame) return;
    total += micros;
    const owner = codeOwner(frame.url, frame.functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + micros);
    const fn = `${frame.functionName || "(anonymous)"} ${owner}${frame.url ? `:${frame.lineNumber + 1}` : ""}`;
    functions.set(fn, (functions.get(fn) ?? 0) + micros);
  });
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, micros]) => [name, micros / 1000, total ? micros / total : 0] as const);
  return { totalMs: total / 1000, owners: top(owners), functions: top(functions) };
};
