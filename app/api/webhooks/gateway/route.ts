import { receiveGatewayWebhook } from "@/lib/payments/webhooks/receive-gateway-webhook";

/** Signed events from the payment gateway; authenticated by their signature, not a session. */
export async function POST(request: Request) {
  const { status, body } = await receiveGatewayWebhook({
    rawBody: await request.text(),
    signatureHeader: request.headers.get("gateway-signature"),
  });
  return Response.json(body, { status });
}
