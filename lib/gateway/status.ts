import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import type { TGatewayPayment } from "@/lib/gateway/types";

/** The one place where a gateway payment's state becomes ours. */
export const paymentStatusFromGateway = (
  payment: Pick<TGatewayPayment, "status" | "settledAt">,
): PaymentStatus => {
  switch (payment.status) {
    case "approved":
      return payment.settledAt ? "SETTLED" : "CAPTURED";
    case "declined":
      return "DECLINED";
    case "voided":
      return "VOIDED";
    case "refunded":
      return "REFUNDED";
    case "partially_refunded":
      return "PARTIALLY_REFUNDED";
    case "returned":
      return "RETURNED";
  }
};
