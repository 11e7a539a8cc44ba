"use client";

import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ResultMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { updateBrandColorAction } from "@/lib/branding/actions";
import type { FormState } from "@/lib/result";

/** The practice's email colour, as a hex code (settings.manage). */
export function BrandColorForm({ saved }: { saved: string }) {
  const { state, isPending, fieldErrors, formProps } = useActionForm<FormState<{ brandColor: string }>>(
    updateBrandColorAction,
    null,
  );
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <TextField
        label="Brand colour (hex code)"
        name="brandColor"
        defaultValue={saved}
        hint="# and 6 digits or letters a to f, like #1d4ed8. It must be dark enough for white text (a contrast of at least 4.5:1)."
        errors={fieldErrors?.brandColor}
        autoComplete="off"
        spellCheck={false}
      />
      <div>
        <SubmitButton isPending={isPending} pendingText="Saving…">
          Save the colour
        </SubmitButton>
      </div>
      <ResultMessage state={state} success={<p>Saved. Emails from now on use the new colour.</p>} />
    </form>
  );
}
