import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { createFakeGateway } from "@/lib/gateway/fake";
import { instrumentGateway } from "@/lib/gateway/instrumented";
import { createPortalMetrics } from "@/lib/metrics/registry";

const charge = (key: string, token: string) => ({
  amountCents: 2500, // $25.00
  currency: "USD",
  source: { token },
  reference: key,
  idempotencyKey: key,
});

const setup = () => {
  const metrics = createPortalMetrics(new Registry());
  const fake = createFakeGateway();
  return { metrics, fake, gateway: instrumentGateway(fake, metrics) };
};

const countsByOperation = async (metrics: ReturnType<typeof createPortalMetrics>) =>
  Object.fromEntries(
    (await metrics.gatewayDuration.get()).values
      .filter((v) => v.metricName === "portal_gateway_request_duration_seconds_count")
      .map((v) => [v.labels.operation, v.value]),
  );

describe("instrumentGateway", () => {
  it("times every call by operation, a declined payment included, and passes answers through", async () => {
    const { metrics, gateway, fake } = setup();
    const approved = await gateway.createPayment(charge("k1", "tok_ok_visa_1111"));
    const declined = await gateway.createPayment(charge("k2", "tok_decline_insufficient_funds"));
    expect(approved.status).toBe("approved");
    expect(declined.status).toBe("declined");
    expect(await gateway.getPayment(approved.id)).toEqual(await fake.getPayment(approved.id));
    expect(await countsByOperation(metrics)).toEqual({ createPayment: 2, getPayment: 1 });
    expect((await metrics.gatewayErrors.get()).values).toEqual([]);
  });

  it("counts failures by operation and error code, and still throws them", async () => {
    const { metrics, gateway } = setup();
    await expect(gateway.createPayment(charge("k3", "tok_processor_error"))).rejects.toMatchObject({
      code: "PROCESSOR_ERROR",
    });
    await expect(gateway.getPayment("pay_missing")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(gateway.getPayment("pay_missing")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const errors = (await metrics.gatewayErrors.get()).values.map((v) => [v.labels, v.value]);
    expect(errors).toEqual([
      [{ operation: "createPayment", code: "PROCESSOR_ERROR" }, 1],
      [{ operation: "getPayment", code: "NOT_FOUND" }, 2],
    ]);
    expect(await countsByOperation(metrics)).toEqual({ createPayment: 1, getPayment: 2 });
  });

  it("counts an error that is not the gateway's as UNKNOWN", async () => {
    const metrics = createPortalMetrics(new Registry());
    const broken = instrumentGateway(
      {
        ...createFakeGateway(),
        listSettlementBatches: async () => {
          throw new TypeError("socket hang up");
        },
      },
      metrics,
    );
    await expect(broken.listSettlementBatches({ limit: 1 })).rejects.toThrow("socket hang up");
    expect((await metrics.gatewayErrors.get()).values.map((v) => v.labels)).toEqual([
      { operation: "listSettlementBatches", code: "UNKNOWN" },
    ]);
  });
});
