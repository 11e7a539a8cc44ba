import type { IncomingMessage, ServerResponse } from "node:http";
import { createApi } from "./api";
import type { TGatewaySetup } from "./context";
import { fail, ok, sendResult, sendText } from "./http";
import type { THostedAssets } from "./hosted/assets";
import { createHostedFieldsRoutes } from "./routes/hosted-fields";
import { createWalletSimulatorRoutes } from "./routes/wallet-simulator";

/**
 * Every request, by its path: /v1 (api.ts), the hosted fields and their tokens, the wallet
 * simulator (when on), the pages' scripts and styles, /health; one log line each, never a body.
 * An error that escapes a handler is a 503 that says nothing was recorded (a write's transaction
 * rolled back).
 */
export const createApp = (setup: TGatewaySetup, assets: THostedAssets) => {
  const { log, isWalletSimulatorOn } = setup;
  const api = createApi(setup);
  const hostedFields = createHostedFieldsRoutes(setup);
  const walletSimulator = createWalletSimulatorRoutes(setup);

  const route = async (req: IncomingMessage, res: ServerResponse, url: URL, method: string) => {
    if (url.pathname.startsWith("/v1/")) return await api.handle(req, res, url);
    if (method === "GET" && url.pathname === "/hosted-fields") return hostedFields.page(res, url);
    if (method === "POST" && url.pathname === "/hosted/tokens") return await hostedFields.tokenize(req, res);
    if (isWalletSimulatorOn && method === "GET" && url.pathname === "/wallet-simulator") {
      return walletSimulator.page(res, url);
    }
    if (isWalletSimulatorOn && method === "POST" && url.pathname === "/wallet-simulator/tokens") {
      return await walletSimulator.mint(req, res);
    }
    const asset = assets[url.pathname];
    if (method === "GET" && asset) {
      return sendText(res, 200, asset.body, { "Content-Type": asset.type, "Cache-Control": "no-cache" });
    }
    if (method === "GET" && url.pathname === "/health") return sendResult(res, ok({ status: "ok" }));
    return sendResult(res, fail(404, "not_found", "No such endpoint."));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const url = new URL(req.url ?? "/", "http://gateway.invalid");
    const method = req.method ?? "GET";
    res.on("close", () => {
      const ms = Math.round(performance.now() - started);
      log(
        res.writableFinished
          ? `${method} ${url.pathname} ${res.statusCode} ${ms}ms`
          : `${method} ${url.pathname} no response (connection closed after ${ms}ms)`,
      );
    });
    try {
      await route(req, res, url, method);
    } catch (err) {
      log(`${method} ${url.pathname} failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) {
        sendResult(
          res,
          fail(503, "unavailable", "The gateway could not complete the request; nothing was recorded."),
        );
      } else res.destroy();
    }
  };

  return { handle, dropHanging: api.dropHanging };
};
