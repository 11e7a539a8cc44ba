import { methodNotAllowed } from "@/lib/api/endpoint";
import { listPlansEndpoint } from "@/lib/api/endpoints";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => listPlansEndpoint.handle(request);
export const POST = methodNotAllowed("GET");
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
