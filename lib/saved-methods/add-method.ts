import "server-only";
import { getGateway, type TGateway } from "@/lib/gateway";
import { velocityKeys, withinCardVelocity } from "@/lib/rate-limit/card-velocity";
import type { TRequestContext } from "@/lib/request-context";
import { savedMethodGatewayError } from "@/lib/saved-methods/gateway-errors";
import { keepStoredMethod } from "@/lib/saved-methods/keep-stored-method";
import type { TMethodOwner } from "@/lib/saved-methods/owner";
import type { TAddMethodInput } from "@/lib/saved-methods/schemas";

/** The wallet's add form: the hosted fields' single-use token becomes a stored method at the gateway. */
export const addMethod = async ({
  owner,
  input,
  context,
  gateway = getGateway(),
}: {
  owner: TMethodOwner;
  input: TAddMethodInput;
  context: TRequestContext;
  gateway?: TGateway;
}) => {
  // A card's $0 verification is a way to test stolen cards too: the same limits as paying.
  const stored = await withinCardVelocity({
    keys: velocityKeys({ userId: owner.userId, statementIds: [], context }),
    attempt: (track) => {
      track.sent = true;
      return gateway
        .storePaymentMethod({ token: input.token, idempotencyKey: input.idempotencyKey })
        .catch(savedMethodGatewayError);
    },
  });
  const method = await keepStoredMethod({
    owner,
    stored,
    holderName: input.holderName,
    nickname: input.nickname,
    makeDefault: input.makeDefault,
    context,
  });
  return { methodId: method.id };
};
