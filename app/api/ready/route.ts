import { answerReadinessRequest } from "@/lib/readiness/endpoint";

export const dynamic = "force-dynamic";

/** Readiness for load balancers (docs/operations.md, "Readiness"): no session, never cached. */
export const GET = () => answerReadinessRequest();
