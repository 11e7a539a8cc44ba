import "server-only";
import { drainWebhooks } from "@/lib/webhooks/deliver";
import { webhookSettings } from "@/lib/webhooks/settings";
import { log } from "@/lib/log";

const state = globalThis as unknown as { __webhookPoller?: { stop: () => Promise<void> } };

/**
 * Looks for due webhook deliveries every WEBHOOK_POLL_MS (1 s) in a worker process and sends
 * them (drainWebhooks; one run at a time), so an event reaches its endpoints within about a
 * second of its commit. The `webhooks.deliver` job (lib/jobs/worker.ts) sweeps every minute
 * besides, so a worker without the poller still delivers. Started once per process.
 */
export const startWebhookPoller = () => {
  if (state.__webhookPoller) return state.__webhookPoller.stop;
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = drainWebhooks()
      .then(() => undefined)
      .catch((error: Error) => log.error({ err: error }, `[webhooks] ${error.message}`))
      .finally(() => {
        running = null;
      });
  }, webhookSettings().pollMs);
  timer.unref();
  /** Stops polling; resolves once a run in progress has finished. */
  const stop = async () => {
    clearInterval(timer);
    state.__webhookPoller = undefined;
    await running;
  };
  state.__webhookPoller = { stop };
  return stop;
};
