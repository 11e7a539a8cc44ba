"use client";

import Link from "next/link";
import { ProfileForm } from "@/components/profile/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { FieldErrors, Radio, SelectField, TextField } from "@/components/ui/field";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import {
  acceptInvitationAction,
  invitePayerAction,
  leaveAccountAction,
  revokeAccessAction,
} from "@/lib/access/actions";
import { OFFERED_SCOPES, SCOPE_ABILITY, SCOPE_LABELS } from "@/lib/access/scope";
import { removeAccountAccessAction } from "@/lib/access/staff-actions";

const SCOPE_HINTS = {
  VIEW: "They see this account's statements, payments and receipts.",
  PAY: "They also pay its statements, with their own card or bank account.",
  MANAGE:
    "They also set up, change and cancel payment plans and autopay for it, with their own card or bank account.",
} satisfies Record<(typeof OFFERED_SCOPES)[number], string>;

/** The guarantor's invitation: which account, whose address, and what they may do. */
export function InvitePayerForm({ accounts }: { accounts: { id: string; label: string }[] }) {
  const form = useActionForm(invitePayerAction, null, { isResetOnSuccess: true });
  const errors = form.fieldErrors;
  return (
    <ProfileForm
      form={form}
      submit="Send invitation"
      pendingText="Sending…"
      success={(data) =>
        `We emailed an invitation to ${data.inviteeEmail}. It works once and expires in 7 days.`
      }
    >
      {accounts.length === 1 ? (
        <input type="hidden" name="accountId" value={accounts[0]!.id} />
      ) : (
        <SelectField
          label="Account"
          name="accountId"
          options={accounts.map((a) => [a.id, a.label] as const)}
          errors={errors?.accountId}
        />
      )}
      <TextField
        label="Their email address"
        name="email"
        type="email"
        autoComplete="off"
        hint="They sign in, or create a login, with this address to accept."
        required
        errors={errors?.email}
      />
      <fieldset
        className="flex flex-col gap-1"
        aria-describedby={errors?.scope ? "invite-scope-errors" : undefined}
      >
        <legend className="mb-1 font-medium">What they may do</legend>
        {OFFERED_SCOPES.map((scope) => (
          <div key={scope}>
            <Radio name="scope" value={scope} defaultChecked={scope === "VIEW"}>
              {SCOPE_LABELS[scope]}
            </Radio>
            <p className="ml-7 text-sm text-slate-700">{SCOPE_HINTS[scope]}</p>
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
  const { state, isPending, formProps } = useActionForm(action, null);
  return (
    <form {...formProps} className="flex flex-col gap-2">
      <FormMessage state={state} />
      <input type="hidden" name="accessId" value={accessId} />
      <SubmitButton variant="danger" isPending={isPending} pendingText="Removing…">
        {children}
      </SubmitButton>
    </form>
  );
}

/** The invitee's button on the invitation page: spends the link and adds the account to their portal. */
export function AcceptInvitationForm({ token }: { token: string }) {
  const { state, isPending, formProps } = useActionForm(acceptInvitationAction, null);
  if (state?.ok) {
    return (
      <div role="status" className="flex flex-col gap-4">
        <Notice tone="success">
          You can now {SCOPE_ABILITY[state.data.scope]} {state.data.guarantorName}&apos;s account. It appears
          under Bills, beside your own.
        </Notice>
        <div>
          <Link href="/bills" className={buttonClass("primary")}>
            Go to your bills
          </Link>
        </div>
      </div>
    );
  }
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <div>
        <SubmitButton isPending={isPending} pendingText="Accepting…">
          Accept invitation
        </SubmitButton>
      </div>
    </form>
  );
}
