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

/** A labelled <select> whose error is announced, like TextField. */
export function SelectField({
  label,
  name,
  errors,
  options,
  placeholder,
  className = "",
  ...select
}: React.SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  errors?: string[];
  options: readonly (readonly [value: string, label: string])[];
  placeholder: string;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hasErrors = Boolean(errors?.length);
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={hasErrors || undefined}
        aria-describedby={errorId}
        className={`min-h-11 rounded-md border px-3 py-2 text-base ${hasErrors ? "border-red-700" : "border-slate-400"} bg-white`}
        {...select}
      >
        <option value="">{placeholder}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      <div id={errorId} aria-live="polite" aria-atomic="true">
        {errors?.slice(0, 1).map((e) => (
          <p key={e} className="text-sm text-red-700">
            {e}
          </p>
        ))}
      </div>
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
