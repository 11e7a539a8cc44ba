import { useId } from "react";

/** The border of a text box or select: red while it has an error. */
export const controlClass = (hasErrors: boolean) =>
  `rounded-md border px-3 py-2 text-base ${hasErrors ? "border-red-700" : "border-slate-400"} bg-white disabled:bg-slate-100`;

/** A field's first error, in a live region so that screen readers announce it. */
export const FieldErrors = ({ id, errors }: { id: string; errors?: string[] }) => (
  <div id={id} aria-live="polite" aria-atomic="true">
    {/* One message per field: the first rule it fails. */}
    {errors?.slice(0, 1).map((e) => (
      <p key={e} className="text-sm text-red-700">
        {e}
      </p>
    ))}
  </div>
);

export type TFieldControl = {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string;
};

/**
 * What every labelled control shares: the label, an optional hint and the first error, both
 * tied to the control with aria-describedby. `children` renders the control with the props it
 * is given.
 */
export const Field = ({
  label,
  hint,
  errors,
  className = "",
  children,
}: {
  label: string;
  hint?: React.ReactNode;
  errors?: string[];
  className?: string;
  children: (control: TFieldControl) => React.ReactNode;
}) => {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
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
      {children({ id, "aria-invalid": errors?.length ? true : undefined, "aria-describedby": describedBy })}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
};

/** A labelled input whose errors are announced (aria-describedby + aria-live). */
export const TextField = ({
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
}) => (
  <Field label={label} hint={hint} errors={errors} className={className}>
    {(control) => (
      <input
        {...control}
        name={name}
        className={`min-h-11 ${controlClass(Boolean(errors?.length))}`}
        {...input}
      />
    )}
  </Field>
);

/** A labelled <select> whose error is announced, like TextField; `placeholder` is a first, empty choice. */
export const SelectField = ({
  label,
  name,
  errors,
  hint,
  options,
  placeholder,
  className = "",
  ...select
}: React.SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
  options: readonly (readonly [value: string, label: string])[];
  placeholder?: string;
}) => (
  <Field label={label} hint={hint} errors={errors} className={className}>
    {(control) => (
      <select
        {...control}
        name={name}
        className={`min-h-11 ${controlClass(Boolean(errors?.length))}`}
        {...select}
      >
        {placeholder === undefined ? null : <option value="">{placeholder}</option>}
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    )}
  </Field>
);

/** A radio button with its label beside it, tall enough to tap. */
export const Radio = ({
  children,
  ...input
}: Omit<React.InputHTMLAttributes<HTMLInputElement>, "type"> & { children: React.ReactNode }) => (
  <label className="flex min-h-11 items-center gap-2">
    <input type="radio" className="h-5 w-5" {...input} />
    {children}
  </label>
);

/** A checkbox whose state the component holds, with its label beside it, tall enough to tap. */
export const Checkbox = ({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: React.ReactNode;
}) => (
  <label className="flex min-h-11 items-center gap-2">
    <input
      type="checkbox"
      checked={checked}
      onChange={(e) => onChange(e.target.checked)}
      className="h-5 w-5"
    />
    {children}
  </label>
);

/** The box a person ticks to agree or confirm (value "yes"), with its error announced. */
export const ConfirmCheckbox = ({
  name,
  errors,
  children,
}: {
  name: string;
  errors?: string[];
  children: React.ReactNode;
}) => (
  <>
    <label className="flex items-center gap-2">
      <input type="checkbox" name={name} value="yes" className="h-5 w-5" />
      {children}
    </label>
    <div aria-live="polite">{errors?.[0] ? <p className="text-sm text-red-700">{errors[0]}</p> : null}</div>
  </>
);
