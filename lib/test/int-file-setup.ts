import { afterAll, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { setClockForTests } from "@/lib/clock";
import { setGatewayForTests } from "@/lib/gateway";
import { setJobQueueForTests } from "@/lib/queue/job-queue";
import { setSmsProviderForTests } from "@/lib/sms/provider";

/**
 * Integration files share one process per database (vitest.config.ts, `isolate: false`): after
 * each file, what a file may have changed for itself goes back as it was, so that no file sees
 * another's environment, clock, gateway, job queue, SMS provider, timers or spies.
 */
afterAll(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
  vi.restoreAllMocks();
  resetEnvForTests();
  setClockForTests(undefined);
  setGatewayForTests(undefined);
  setJobQueueForTests(undefined);
  setSmsProviderForTests(undefined);
});
