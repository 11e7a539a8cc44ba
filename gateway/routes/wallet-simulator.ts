import type { IncomingMessage, ServerResponse } from "node:http";
import type { TGatewaySetup } from "../context";
import { ok, sendResult } from "../http";
import { hostedFieldsCsp } from "../hosted/page";
import { walletSimulatorHtml, WALLET_SIMULATOR_MAX_LABEL } from "../hosted/wallet-simulator-page";
import { pickLang } from "../hosted/strings.js";
import { mintWalletToken, ZMintRequest } from "../wallets";
import { pageParentOrigin, readPagePost, sendHtml, sendRefusal } from "./pages";

/**
 * The wallet simulator (sandbox only): the sheet (GET /wallet-simulator) and the sandbox wallet
 * tokens its script mints for a test card (POST /wallet-simulator/tokens).
 */
export const createWalletSimulatorRoutes = (
  setup: Pick<TGatewaySetup, "db" | "clock" | "publishableKey" | "allowedOrigins" | "walletSecret">,
) => ({
  page: (res: ServerResponse, url: URL) => {
    const q = url.searchParams;
    const parentOrigin = pageParentOrigin(res, q, setup, "payment sheet");
    if (!parentOrigin) return;
    const kind = q.get("kind");
    const amountCents = Number(q.get("amount_cents"));
    const currency = q.get("currency") ?? "USD";
    const label = q.get("label") ?? "";
    if (kind !== "apple_pay" && kind !== "google_pay")
      return sendRefusal(res, 400, "Unknown kind of wallet.");
    if (
      !Number.isInteger(amountCents) ||
      amountCents < 1 ||
      amountCents > 99_999_999 ||
      currency !== "USD" ||
      label.trim() === "" ||
      label.length > WALLET_SIMULATOR_MAX_LABEL
    ) {
      return sendRefusal(
        res,
        400,
        "The payment sheet needs an amount (amount_cents), currency USD and a label.",
      );
    }
    return sendHtml(
      res,
      200,
      walletSimulatorHtml({
        kind,
        parentOrigin,
        publishableKey: setup.publishableKey,
        amountCents,
        currency,
        label,
        lang: pickLang(q.get("lang")),
      }),
      hostedFieldsCsp(parentOrigin),
    );
  },

  mint: async (req: IncomingMessage, res: ServerResponse) => {
    const request = await readPagePost(req, ZMintRequest, setup, {
      page: "Wallet tokens are created by the wallet simulator page",
      what: "the wallet simulator",
    });
    if (!request.ok) return sendResult(res, request.result);
    const { input, parentOrigin } = request;
    const minted = await mintWalletToken(setup.db, setup.walletSecret, {
      kind: input.kind,
      card: input.card,
      auth_method: input.auth_method,
      origin: parentOrigin,
      now: setup.clock.now(),
    });
    return sendResult(
      res,
      ok({ kind: input.kind, payload: minted.payload, expires_at: minted.expiresAt.toISOString() }, 201),
    );
  },
});
