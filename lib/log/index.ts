/**
 * The portal's logger: JSON lines through pino, redacted (lib/log/redact.mjs), each with the id
 * of the request it was written in (docs/operations.md). Use it instead of console.*:
 *
 *   log.warn({ paymentId }, "[payments] outcome unknown");
 *   log.error({ err: error }, "[webhooks] event failed");
 */
import { getLogger } from "@/lib/log/logger.mjs";

export { annotateRequest, currentRequest } from "@/lib/log/logger.mjs";

export const log = getLogger();
