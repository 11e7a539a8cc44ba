"use client";

import { useTranslations } from "next-intl";
import { ProfileForm } from "@/components/profile/form-parts";
import { useTranslatedForm } from "@/components/profile/use-translated-form";
import { SubmitButton } from "@/components/ui/button";
import { FieldErrors, Radio, SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { invitePayerAction, leaveAccountAction, revokeAccessAction } from "@/lib/access/actions";
import { OFFERED_SCOPES } from "@/lib/access/scope";
import { removeAccountAccessAction } from "@/lib/access/staff-actions";

/** The guarantor's invitation: which account, whose address, and what they may do. */
export function InvitePayerForm({ accounts }: { accounts: { id: string; label: string }[] }) {
  const t = useTranslations("Sharing");
  const scopes = useTranslations("AccessScopes");
  const form = useTranslatedForm(useActionForm(invitePayerAction, null, { isResetOnSuccess: true }));
  const errors = form.fieldErrors;
  return (
    <ProfileForm
      form={form}
      submit={t("send")}
      pendingText={t("sending")}
      success={(data) => t("sent", { email: data.inviteeEmail })}
    >
      {accounts.length === 1 ? (
        <input type="hidden" name="accountId" value={accounts[0]!.id} />
      ) : (
        <SelectField
          label={t("accountField")}
          name="accountId"
          options={accounts.map((a) => [a.id, a.label] as const)}
          errors={errors?.accountId}
        />
      )}
      <TextField
        label={t("email")}
        name="email"
        type="email"
        autoComplete="off"
        hint={t("emailHint")}
        required
        errors={errors?.email}
      />
      <fieldset
        className="flex flex-col gap-1"
        aria-describedby={errors?.scope ? "invite-scope-errors" : undefined}
      >
        <legend className="mb-1 font-medium">{t("scope")}</legend>
        {OFFERED_SCOPES.map((scope) => (
          <div key={scope}>
            <Radio name="scope" value={scope} defaultChecked={scope === "VIEW"}>
              {scopes(`label.${scope}`)}
            </Radio>
            <p className="ml-7 text-sm text-slate-700">{scopes(`hint.${scope}`)}</p>
          </div>
        ))}
        <FieldErrors id="invite-scope-errors" errors={errors?.scope} />
      </fieldset>
    </ProfileForm>
  );
}

/**
 * One button that ends an access: the guarantor's revoke (or withdrawal of an invitation), the
 * payer's leave, or staff's removal. Each action sends the browser back to its page, which says so.
 */
export function EndAccessForm({
  kind,
  accessId,
  children,
}: {
  kind: "revoke" | "leave" | "staff";
  accessId: string;
  children: React.ReactNode;
}) {
  const action =
    kind === "revoke"
      ? revokeAccessAction
      : kind === "leave"
        ? leaveAccountAction
        : removeAccountAccessAction;
  // The patient's buttons speak the reader's language; the staff console's stays English.
  const t = useTranslations("Sharing");
  const { state, isPending, formProps } = useTranslatedForm(useActionForm(action, null));
  return (
    <form {...formProps} className="flex flex-col gap-2">
      <FormMessage state={state} />
      <input type="hidden" name="accessId" value={accessId} />
      <SubmitButton
        variant="danger"
        isPending={isPending}
        pendingText={kind === "staff" ? "Removing…" : t("removing")}
      >
        {children}
      </SubmitButton>
    </form>
  );
}
