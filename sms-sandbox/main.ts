// The sandbox SMS server process: `node --import tsx sms-sandbox/main.ts` (docs/sms.md).
//   SMS_SANDBOX_PORT         port (default 4010)
//   SMS_ACCOUNT_SID          the account SID callers must use (AC + 32 hex digits)
//   SMS_AUTH_TOKEN           their auth token; also signs inbound texts and status callbacks
//   SMS_SANDBOX_WEBHOOK_URL  the portal's inbound webhook, e.g. http://localhost:3000/api/webhooks/sms
//   SMS_FROM                 the portal's number (the To of inbound texts)
import { createSmsSandbox } from "./server";

const log = (line: string) => console.log(`${new Date().toISOString()} [sms-sandbox] ${line}`);

const { SMS_ACCOUNT_SID, SMS_AUTH_TOKEN } = process.env;
if (!SMS_ACCOUNT_SID || !SMS_AUTH_TOKEN) {
  console.error("[sms-sandbox] SMS_ACCOUNT_SID and SMS_AUTH_TOKEN must be set.");
  process.exit(1);
}

const sandbox = await createSmsSandbox({
  port: Number(process.env.SMS_SANDBOX_PORT ?? 4010),
  accountSid: SMS_ACCOUNT_SID,
  authToken: SMS_AUTH_TOKEN,
  webhookUrl: process.env.SMS_SANDBOX_WEBHOOK_URL || undefined,
  portalNumber: process.env.SMS_FROM || undefined,
  log,
});
log(
  `sandbox SMS server listening on port ${sandbox.port} (inbound webhook ${process.env.SMS_SANDBOX_WEBHOOK_URL || "off"})`,
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
