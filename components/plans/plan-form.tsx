import { PlanFormFields } from "@/components/plans/plan-form-fields";
import { MessagesFor } from "@/components/i18n/messages-for";

/**
 * The new-plan form (PlanFormFields), with its messages in the reader's language: the patient's
 * own, or English for staff setting a plan up in the console (which stays English).
 */
export function PlanForm(props: React.ComponentProps<typeof PlanFormFields>) {
  return (
    <MessagesFor only={["HostedFields", "NewMethod", "PlanErrors", "PlanForm", "PlanWords", "ServerErrors"]}>
      <PlanFormFields {...props} />
    </MessagesFor>
  );
}
