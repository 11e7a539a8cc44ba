import { z } from "zod";

/**
 * The outbound webhooks' settings (docs/webhooks.md, "Settings"), read from the environment each
 * time they are used, so a test or an operator changes them without a restart. None is a secret.
 */
export type TWebhookSettings = {
  /** Hosts (names or IPs, lower case) that may resolve to private addresses and use http:. */
  allowedHosts: string[];
  /** The waits between tries, in ms: tries = waits + 1; after the last the delivery fails. */
  retryDelaysMs: number[];
  /** Each wait is shortened by a random part up to this fraction. */
  jitter: number;
  timeoutMs: number;
  /** An endpoint failing this long with no success is disabled. */
  disableAfterMs: number;
  pollMs: number;
};

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "30s", "30m", "12h", "3d" → ms; null when it is none of these. */
export const parseDuration = (text: string): number | null => {
  const match = /^(\d+)\s*([smhd])$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
};

const THREE_DAYS_MS = 3 * UNIT_MS.d;

/**
 * The default schedule: 1 minute, doubling, at most 12 hours between tries, the last wait cut
 * so that the last try is 3 days after the first (16 tries).
 */
export const exponentialDelays = ({
  firstMs = 60_000,
  maxMs = 12 * 3_600_000,
  totalMs = THREE_DAYS_MS,
}: { firstMs?: number; maxMs?: number; totalMs?: number } = {}) => {
  const delays: number[] = [];
  let total = 0;
  for (let next = firstMs; total < totalMs; next = Math.min(next * 2, maxMs)) {
    const wait = Math.min(next, totalMs - total);
    delays.push(wait);
    total += wait;
  }
  return delays;
};

const duration = (name: string, fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const ms = parseDuration(value);
      if (ms === null) {
        ctx.addIssue({ code: "custom", message: `${name} must be like 30s, 30m, 12h or 3d` });
        return z.NEVER;
      }
      return ms;
    });

const ZSettings = z.object({
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((h) =>
          h
            .trim()
            .toLowerCase()
            .replace(/^\[|\]$/g, ""),
        )
        .filter(Boolean),
    ),
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .default("exponential")
    .transform((value, ctx) => {
      if (value.trim() === "exponential") return exponentialDelays();
      const delays = value.split(",").map(parseDuration);
      if (delays.some((d) => d === null)) {
        ctx.addIssue({
          code: "custom",
          message: "WEBHOOK_RETRY_SCHEDULE must be exponential or waits like 30m,30m,30m,30m",
        });
        return z.NEVER;
      }
      return delays as number[];
    }),
  WEBHOOK_RETRY_JITTER: z.coerce.number().min(0).max(1).default(0.2),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  WEBHOOK_DISABLE_AFTER: duration("WEBHOOK_DISABLE_AFTER", "3d"),
  WEBHOOK_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
});

/** The settings from an environment (process.env unless given); throws naming a bad variable. */
export const webhookSettings = (
  source: Record<string, string | undefined> = process.env,
): TWebhookSettings => {
  const present = Object.fromEntries(
    Object.entries(source).filter(([k, v]) => k.startsWith("WEBHOOK_") && v),
  );
  const parsed = ZSettings.safeParse(present);
  if (!parsed.success)
    throw new Error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const s = parsed.data;
  return {
    allowedHosts: s.WEBHOOK_ALLOWED_HOSTS,
    retryDelaysMs: s.WEBHOOK_RETRY_SCHEDULE,
    jitter: s.WEBHOOK_RETRY_JITTER,
    timeoutMs: s.WEBHOOK_TIMEOUT_MS,
    disableAfterMs: s.WEBHOOK_DISABLE_AFTER,
    pollMs: s.WEBHOOK_POLL_MS,
  };
};

/**
 * When a delivery that has just failed its `attempt`-th try (1 = the first) is tried next, or
 * null when that was its last. `random` in [0, 1) makes the jitter (tests pass a fixed one).
 */
export const nextAttemptAt = ({
  attempt,
  now,
  settings,
  random = Math.random(),
}: {
  attempt: number;
  now: Date;
  settings: Pick<TWebhookSettings, "retryDelaysMs" | "jitter">;
  random?: number;
}): Date | null => {
  const wait = settings.retryDelaysMs[attempt - 1];
  if (wait === undefined) return null;
  return new Date(now.getTime() + Math.round(wait * (1 - settings.jitter * random)));
};
