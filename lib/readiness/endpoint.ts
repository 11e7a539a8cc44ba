import "server-only";
import { getReadiness, type TReadiness } from "@/lib/readiness/readiness";

/**
 * GET /api/ready for load balancers: 200 with each check and "ok", or 503 naming the failing
 * checks and nothing else (no host, URL or error text). No session needed; answered from a
 * result at most READINESS_CACHE_MS old, never stored by a cache on the way.
 */
export const answerReadinessRequest = async (
  readiness: () => Promise<TReadiness> = getReadiness,
): Promise<Response> => {
  const { isReady, checks, failing } = await readiness();
  return Response.json(isReady ? { status: "ready", checks } : { status: "unavailable", failing, checks }, {
    status: isReady ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
};
