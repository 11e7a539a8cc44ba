import { write, type TApiRouteTable } from "../api-route";
import type { TGatewaySetup } from "../context";
import { createMerchantSession, ZMerchantSessionRequest } from "../wallets";

/** Apple Pay merchant validation, for a domain that is the host of one of the allowed origins. */
export const applePayRoutes = ({
  appleMerchantId,
  allowedOrigins,
}: Pick<TGatewaySetup, "appleMerchantId" | "allowedOrigins">): TApiRouteTable => [
  {
    method: "POST",
    path: "/v1/apple_pay/merchant_sessions",
    handler: write(ZMerchantSessionRequest, async (ctx, _params, input) =>
      createMerchantSession(ctx, ctx.walletSecret, input, {
        merchantIdentifier: appleMerchantId,
        allowedOrigins,
      }),
    ),
  },
];
