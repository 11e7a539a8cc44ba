import "server-only";
import { createHash } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getGateway, type TGateway } from "@/lib/gateway";
import type { TGatewayStoredMethod } from "@/lib/gateway/types";
import type { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { velocityKeys, withinCardVelocity } from "@/lib/rate-limit/card-velocity";
import type { TRequestContext } from "@/lib/request-context";
import { savedMethodGatewayError } from "@/lib/saved-methods/gateway-errors";
import { keepStoredMethodIn } from "@/lib/saved-methods/keep-stored-method";
import { ownerActor, type TMethodOwner } from "@/lib/saved-methods/owner";
import type { TNewMethodInput } from "@/lib/saved-methods/schemas";

/**
 * A card or bank account typed into the hosted fields of a plan or autopay form, saved with the
 * agreement it pays: verified by the gateway first (`verifyNewMethod`), then kept in the wallet
 * in the agreement's own transaction (`keepNewMethodIn`), so both commit or neither. If the
 * agreement is not made after all, the vault entry goes again (`forgetVerifiedMethod`), and a
 * method already committed is taken out of the wallet (`discardNewMethod`).
 */

/**
 * The gateway's idempotency key for storing this token within this form submission: the same
 * form key and token (a double submit, a retried request) store once and get the same vault
 * entry back; a new token (typed again after a decline) is a new request. Hashed: the token
 * never appears in a key the gateway or our logs keep.
 */
export const newMethodGatewayKey = ({ formKey, token }: { formKey: string; token: string }) =>
  `new-method:${createHash("sha256").update(`${formKey}\n${token}`).digest("hex").slice(0, 48)}`;

/**
 * The gateway verifies the new method ($0 verification of a card) and stores it in its vault,
 * under the same card-testing limits as paying and the wallet's add form. A decline or a failure
 * throws the wallet's user errors ("It was not saved, and the plan was not set up."): nothing is
 * kept anywhere.
 */
export const verifyNewMethod = ({
  owner,
  newMethod,
  formKey,
  agreement,
  context,
  gateway = getGateway(),
}: {
  owner: TMethodOwner;
  newMethod: TNewMethodInput;
  formKey: string;
  /** What the method was for, as a decline's message names it: "the plan", "autopay". */
  agreement: string;
  context: TRequestContext;
  gateway?: TGateway;
}): Promise<TGatewayStoredMethod> =>
  withinCardVelocity({
    keys: velocityKeys({ userId: owner.userId, statementIds: [], context }),
    attempt: (track) => {
      track.sent = true;
      return gateway
        .storePaymentMethod({
          token: newMethod.token,
          idempotencyKey: newMethodGatewayKey({ formKey, token: newMethod.token }),
        })
        .catch((error: unknown) =>
          savedMethodGatewayError(error, `It was not saved, and ${agreement} was not set up.`),
        );
    },
  });

/**
 * Keeps the verified method in the owner's wallet, inside the agreement's transaction. The same
 * vault entry again (a replay) is the same row; one taken out again since (its agreement failed,
 * and the same token came back) is refused: the patient types the details again.
 */
export const keepNewMethodIn = async (
  tx: Prisma.TransactionClient,
  {
    owner,
    stored,
    newMethod,
    context,
  }: {
    owner: TMethodOwner;
    stored: TGatewayStoredMethod;
    newMethod: TNewMethodInput;
    context: TRequestContext;
  },
) => {
  const kept = await keepStoredMethodIn(tx, { owner, stored, holderName: newMethod.holderName, context });
  if (kept.method.removedAt) {
    throw new AppError("VALIDATION", {
      message: `new method ${kept.method.id} was discarded before`,
      userMessage: "Your card or bank details expired. Please enter them again.",
      fieldErrors: { newMethodToken: ["Enter your card or bank details again."] },
    });
  }
  return kept;
};

/**
 * The agreement was not made after the gateway stored the method, and no row was committed:
 * the vault entry goes too. A failure here only leaves an entry no row names (logged).
 */
export const forgetVerifiedMethod = async ({
  vaultId,
  gateway = getGateway(),
}: {
  /** The gateway's id of the stored method. */
  vaultId: string;
  gateway?: TGateway;
}) => {
  await gateway
    .deletePaymentMethod({ methodId: vaultId, idempotencyKey: `forget:${vaultId}` })
    .catch((error: unknown) =>
      log.warn({ err: error }, `[wallet] vault entry ${vaultId} of an agreement not made was not deleted`),
    );
};

/**
 * The method was committed with its agreement, and the agreement was taken back (a plan's down
 * payment was declined): the method leaves the wallet again (past payments keep naming it) and
 * the vault, so the patient is left with neither.
 */
export const discardNewMethod = async ({
  owner,
  method,
  context,
  gateway = getGateway(),
}: {
  owner: TMethodOwner;
  method: { id: string; gatewayToken: string; kind: string; last4: string | null };
  context: TRequestContext;
  gateway?: TGateway;
}) => {
  const db = await getDb();
  await db.paymentMethod.update({
    where: { id: method.id },
    data: { removedAt: new Date(), isDefault: false, staffChargeConsentAt: null },
  });
  await recordAudit({
    actor: ownerActor(owner),
    action: "wallet.method_discarded",
    target: { type: "PaymentMethod", id: method.id },
    context,
    metadata: { kind: method.kind, last4: method.last4, reason: "agreement_not_made" },
  });
  await forgetVerifiedMethod({ vaultId: method.gatewayToken, gateway });
};

/**
 * After the agreement's transaction failed: forgets the vault entry unless a wallet row names it
 * (one committed by an earlier submission of the same form, which stands).
 */
export const forgetUnlessKept = async ({
  stored,
  gateway = getGateway(),
}: {
  stored: TGatewayStoredMethod;
  gateway?: TGateway;
}) => {
  const db = await getDb();
  const row = await db.paymentMethod.findUnique({ where: { gatewayToken: stored.id }, select: { id: true } });
  if (!row) await forgetVerifiedMethod({ vaultId: stored.id, gateway });
};
