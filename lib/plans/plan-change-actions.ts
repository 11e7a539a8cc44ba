import "server-only";
import { defineAction } from "@/lib/define-action";
import type { TPlanActor } from "@/lib/plans/access";
import { planActionSchemas as schemas } from "@/lib/plans/action-schemas";
import { cancelPlan, changePlanMethod, payPlanExtra, skipPlanInstallment } from "@/lib/plans/change-plan";

/**
 * The four changes to an existing plan as server actions, for whoever may make them: the
 * patient's pages and the staff console differ only in who is asking (the guard, which also
 * says who is audited) and in which pages show the plan afterwards (`revalidate`).
 */
export const makePlanChangeActions = ({
  guard,
  revalidate,
}: {
  guard: () => Promise<TPlanActor>;
  revalidate: (planId: string) => void;
}) => {
  const done = <T>(planId: string, result: T) => {
    revalidate(planId);
    return result;
  };
  return {
    changeMethod: defineAction({
      schema: schemas.method,
      guard,
      handler: async ({ input, auth, context }) =>
        done(input.planId, await changePlanMethod({ actor: auth, ...input, context })),
    }),
    payExtra: defineAction({
      schema: schemas.extra,
      guard,
      handler: async ({ input, auth, context }) =>
        done(
          input.planId,
          await payPlanExtra({
            actor: auth,
            planId: input.planId,
            amountCents: input.amount,
            idempotencyKey: input.idempotencyKey,
            context,
          }),
        ),
    }),
    skip: defineAction({
      schema: schemas.skip,
      guard,
      handler: async ({ input, auth, context }) =>
        done(input.planId, await skipPlanInstallment({ actor: auth, ...input, context })),
    }),
    cancel: defineAction({
      schema: schemas.cancel,
      guard,
      handler: async ({ input, auth, context }) =>
        done(input.planId, await cancelPlan({ actor: auth, planId: input.planId, context })),
    }),
  };
};
