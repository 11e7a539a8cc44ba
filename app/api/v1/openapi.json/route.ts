import { methodNotAllowed } from "@/lib/api/endpoint";
import { openApiEndpoint } from "@/lib/api/endpoints";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => openApiEndpoint.handle(request);
export const POST = methodNotAllowed("GET");
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
