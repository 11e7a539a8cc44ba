import { notFoundRoute } from "@/lib/api/endpoint";

/** Any other path under /api/v1: a problem+json 404, not the portal's HTML page. */
export const dynamic = "force-dynamic";

export const GET = notFoundRoute;
export const POST = notFoundRoute;
export const PUT = notFoundRoute;
export const PATCH = notFoundRoute;
export const DELETE = notFoundRoute;
