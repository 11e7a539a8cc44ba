import { useId } from "react";
import { Notice } from "@/components/ui/form-message";

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
