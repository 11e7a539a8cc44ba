import { methodNotAllowed } from "@/lib/api/endpoint";
import { postPaymentImportEndpoint } from "@/lib/api/endpoints";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => postPaymentImportEndpoint.handle(request);
export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
