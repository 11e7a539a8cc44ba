import { describe, expect, it } from "vitest";
import { paymentStatusFromGateway } from "@/lib/gateway/status";

describe("paymentStatusFromGateway", () => {
  it.each([
    ["approved", null, "CAPTURED"],
    ["approved", new Date("2026-11-24T02:00:00Z"), "SETTLED"],
    ["declined", null, "DECLINED"],
    ["voided", null, "VOIDED"],
    ["refunded", new Date("2026-11-24T02:00:00Z"), "REFUNDED"],
    ["partially_refunded", new Date("2026-11-24T02:00:00Z"), "PARTIALLY_REFUNDED"],
    ["returned", new Date("2026-11-24T02:00:00Z"), "RETURNED"],
  ] as const)("%s (settled: %s) is %s", (status, settledAt, expected) => {
    expect(paymentStatusFromGateway({ status, settledAt })).toBe(expected);
  });
});
