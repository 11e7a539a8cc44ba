// The sandbox gateway process: `node --import tsx gateway/main.ts` (configured by GATEWAY_* variables; see gateway/README.md).
import { gatewayOptionsFromEnv } from "./config";
import { createGatewayServer } from "./server";

const log = (line: string) => console.log(`${new Date().toISOString()} [gateway] ${line}`);

const options = gatewayOptionsFromEnv();
const gateway = await createGatewayServer({ ...options, log });
log(
  `sandbox gateway listening on port ${gateway.port} (data ${options.dataDir}; hosted fields for ${options.allowedOrigins?.join(", ")}; ` +
    `webhooks ${options.webhookUrl ?? "off"}; wallet simulator ${options.walletSimulator === false ? "off" : "on"})`,
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    gateway.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log(`error while stopping: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  });
}
