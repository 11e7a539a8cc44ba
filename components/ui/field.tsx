import { useId } from "react";

/** A labelled input whose errors are announced (aria-describedby + aria-live). */
export function TextField({
  label,
  name,
  errors,
  hint,
  className = "",
  ...input
}: React.InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const hasErrors = Boolean(errors?.length);
  const describedBy = [hint ? hintId : null, errorId].filter(Boolean).join(" ");
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        aria-invalid={hasErrors || undefined}
        aria-describedby={describedBy}
        className={`min-h-11 rounded-md border px-3 py-2 text-base ${hasErrors ? "border-red-700" : "border-slate-400"} bg-white`}
        {...input}
      />
      <div id={errorId} aria-live="polite" aria-atomic="true">
        {/* One message per field: the first rule it fails. */}
        {errors?.slice(0, 1).map((e) => (
          <p key={e} className="text-sm text-red-700">
            {e}
          </p>
        ))}
      </div>
    </div>
  );
}
