import { methodNotAllowed } from "@/lib/api/endpoint";
import { listPaymentsEndpoint } from "@/lib/api/endpoints";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => listPaymentsEndpoint.handle(request);
export const POST = methodNotAllowed("GET");
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
