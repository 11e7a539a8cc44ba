import { receiveInboundSms } from "@/lib/sms/receive-inbound";

/** Inbound texts from the SMS provider; authenticated by their Twilio signature, not a session. */
export async function POST(request: Request) {
  const { status, body, contentType } = await receiveInboundSms({
    rawBody: await request.text(),
    signature: request.headers.get("x-twilio-signature"),
  });
  return new Response(body, { status, headers: { "content-type": contentType } });
}
