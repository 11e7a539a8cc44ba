import { methodNotAllowed } from "@/lib/api/endpoint";
import { getAccountEndpoint } from "@/lib/api/endpoints";

export const dynamic = "force-dynamic";

export const GET = (request: Request, { params }: { params: Promise<{ number: string }> }) =>
  getAccountEndpoint.handle(request, params);
export const POST = methodNotAllowed("GET");
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
