import { useId } from "react";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage, Notice } from "@/components/ui/form-message";
import type { FormState } from "@/lib/result";

/** A success message in a live region, so that screen readers announce it when it appears. */
export function SuccessMessage({ children }: { children: React.ReactNode }) {
  return (
    <div aria-live="polite" aria-atomic="true">
      {children ? (
        <div role="status">
          <Notice tone="success">{children}</Notice>
        </div>
      ) : null}
    </div>
  );
}

/** A checkbox with its label and a line saying what it does. */
export function CheckboxField({
  label,
  description,
  ...input
}: Omit<React.InputHTMLAttributes<HTMLInputElement>, "type"> & {
  name: string;
  label: string;
  description: React.ReactNode;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        aria-describedby={`${id}-description`}
        className="mt-0.5 h-6 w-6 shrink-0 accent-brand-700"
        {...input}
      />
      <div className="flex flex-col">
        <label htmlFor={id} className="font-medium text-slate-900">
          {label}
        </label>
        <p id={`${id}-description`} className="text-sm text-slate-700">
          {description}
        </p>
      </div>
    </div>
  );
}

/**
 * What every profile form shares around its fields: the success message and the failure on top,
 * the submit button below. `form` is what useActionForm returns; `success` may read the saved data.
 */
export function ProfileForm<TData>({
  form: { formProps, state, isPending },
  success,
  submit,
  pendingText,
  className = "gap-4",
  children,
}: {
  form: {
    formProps: React.ComponentProps<"form">;
    state: FormState<TData>;
    isPending: boolean;
  };
  /** What to say once saved, from what the action returned. */
  success: React.ReactNode | ((data: TData) => React.ReactNode);
  submit: string;
  pendingText: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <form {...formProps} className={`flex flex-col ${className}`} noValidate>
      <SuccessMessage>
        {state?.ok ? (typeof success === "function" ? success(state.data) : success) : null}
      </SuccessMessage>
      <FormMessage state={state} />
      {children}
      <div>
        <SubmitButton isPending={isPending} pendingText={pendingText}>
          {submit}
        </SubmitButton>
      </div>
    </form>
  );
}
