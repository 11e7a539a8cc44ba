import { describe, expect, it } from "vitest";
import { declineMessage } from "@/lib/gateway/decline-messages";

describe("declineMessage", () => {
  it("tells each known decline its own way, in English and in Spanish", () => {
    expect(declineMessage("expired_card")).toBe(
      "Your card has expired. Check the expiry date or use another card.",
    );
    expect(declineMessage("expired_card", "es")).toBe(
      "Su tarjeta está vencida. Revise la fecha de vencimiento o use otra tarjeta.",
    );
    expect(declineMessage("insufficient_funds", "es")).toMatch(/fondos insuficientes/);
  });

  it("never repeats the processor's code for one it does not know", () => {
    expect(declineMessage("do_not_honor_9")).toBe(
      "Your card was declined. Try another card or a bank account, or contact your bank.",
    );
    expect(declineMessage(null, "es")).toMatch(/^Su tarjeta fue rechazada\./);
  });
});
