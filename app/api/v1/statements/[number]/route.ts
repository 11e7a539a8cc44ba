import { methodNotAllowed } from "@/lib/api/endpoint";
import { putStatementEndpoint } from "@/lib/api/endpoints";

export const dynamic = "force-dynamic";

export const PUT = (request: Request, { params }: { params: Promise<{ number: string }> }) =>
  putStatementEndpoint.handle(request, params);
export const GET = methodNotAllowed("PUT");
export const POST = GET;
export const PATCH = GET;
export const DELETE = GET;
