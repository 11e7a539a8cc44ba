/** The form-level message, announced to screen readers when it changes. */
export function FormMessage({ state }: { state: { ok: boolean; message?: string } | null | undefined }) {
  const message = state && !state.ok ? state.message : undefined;
  return (
    <div aria-live="polite" aria-atomic="true">
      {message ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** After a submit: the success text, or the form-level message of a failure. */
export const ResultMessage = ({
  state,
  success,
}: {
  state: { ok: boolean; message?: string } | null | undefined;
  success: React.ReactNode;
}) =>
  state?.ok ? (
    <div aria-live="polite">
      <Notice tone="success">{success}</Notice>
    </div>
  ) : (
    <FormMessage state={state} />
  );

export function Notice({
  children,
  tone = "info",
}: {
  children: React.ReactNode;
  tone?: "info" | "success" | "warning";
}) {
  const tones = {
    info: "border-brand-100 bg-brand-50 text-brand-800",
    success: "border-green-300 bg-green-50 text-green-900",
    warning: "border-amber-300 bg-amber-50 text-amber-900",
  } as const;
  return <div className={`rounded-md border px-3 py-2 ${tones[tone]}`}>{children}</div>;
}
