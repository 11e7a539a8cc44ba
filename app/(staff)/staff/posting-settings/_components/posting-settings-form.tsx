"use client";

import { SubmitButton } from "@/components/ui/button";
import { FieldErrors, TextField } from "@/components/ui/field";
import { ResultMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { updatePostingSettingsAction } from "@/lib/exports/actions";
import type { TPostingSettingsForm } from "@/lib/exports/queries";
import type { FormState } from "@/lib/result";

const FORMATS = [
  ["imdpa-1.0", "IMDPA 1.0"],
  ["imdpa-1.1", "IMDPA 1.1"],
  ["imdpa-1.2", "IMDPA 1.2"],
  ["imdpa-1.3", "IMDPA 1.3"],
  ["imdpa-1.4", "IMDPA 1.4"],
  ["x12-835", "X12 835 (005010X221A1)"],
  ["lockbox-a", "Lockbox A"],
  ["deposit", "Payment deposit file (IMPDF10)"],
] as const;

/** The practice's end-of-day posting settings (admins): formats, cut-off, identifiers. */
export function PostingSettingsForm({ saved }: { saved: TPostingSettingsForm }) {
  const { state, isPending, fieldErrors, formProps } = useActionForm<FormState<{ savedAt: string }>>(
    updatePostingSettingsAction,
    null,
  );
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <fieldset className="flex flex-col gap-1" aria-describedby="formats-error">
        <legend className="font-medium text-slate-800">Files to write each business day</legend>
        {FORMATS.map(([value, label]) => (
          <label key={value} className="flex min-h-11 items-center gap-2">
            <input
              type="checkbox"
              name="formats"
              value={value}
              defaultChecked={saved.formats.includes(value)}
              className="h-5 w-5"
            />
            {label}
          </label>
        ))}
        <FieldErrors id="formats-error" errors={fieldErrors?.formats} />
      </fieldset>
      <TextField
        label="Business day cut-off (HH:MM)"
        name="cutoff"
        defaultValue={saved.cutoff}
        hint="On the practice's clock. A payment at or after it belongs to the next business day; 00:00 is midnight."
        errors={fieldErrors?.cutoff}
        inputMode="numeric"
      />
      <TextField
        label="Merchant ID"
        name="merchantId"
        defaultValue={saved.merchantId}
        errors={fieldErrors?.merchantId}
      />
      <TextField label="Store ID" name="storeId" defaultValue={saved.storeId} errors={fieldErrors?.storeId} />
      <TextField
        label="Terminal ID"
        name="terminalId"
        defaultValue={saved.terminalId}
        errors={fieldErrors?.terminalId}
      />
      <TextField
        label="Lockbox number"
        name="lockboxNumber"
        defaultValue={saved.lockboxNumber}
        hint="1 to 6 digits; needed for Lockbox A."
        errors={fieldErrors?.lockboxNumber}
        inputMode="numeric"
      />
      <TextField
        label="X12 sender ID"
        name="x12SenderId"
        defaultValue={saved.x12SenderId}
        hint="At most 15 characters; needed for the 835."
        errors={fieldErrors?.x12SenderId}
      />
      <TextField
        label="X12 receiver ID"
        name="x12ReceiverId"
        defaultValue={saved.x12ReceiverId}
        hint="At most 15 characters; needed for the 835."
        errors={fieldErrors?.x12ReceiverId}
      />
      <TextField
        label="835 account"
        name="x12Account"
        defaultValue={saved.x12Account}
        hint="The start of the 835's file name; the client ID when empty."
        errors={fieldErrors?.x12Account}
      />
      <div>
        <SubmitButton isPending={isPending} pendingText="Saving…">
          Save posting settings
        </SubmitButton>
      </div>
      <ResultMessage
        state={state}
        success={<p>Posting settings saved. The next business day&apos;s files follow them.</p>}
      />
    </form>
  );
}
