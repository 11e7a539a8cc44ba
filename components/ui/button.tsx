"use client";

import { useFormStatus } from "react-dom";

import { buttonClass, type TButtonVariant } from "@/components/ui/button-class";

export function Button({
  variant = "primary",
  className = "",
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: TButtonVariant }) {
  return <button {...props} className={buttonClass(variant, className)} />;
}

/** A submit button that disables itself while its form is pending, so a double click submits once. */
export function SubmitButton({
  children,
  pendingText,
  variant = "primary",
  className = "",
  isPending = false,
}: {
  children: React.ReactNode;
  pendingText?: string;
  /** For forms submitted from an onSubmit handler, which useFormStatus does not see. */
  isPending?: boolean;
  variant?: TButtonVariant;
  className?: string;
}) {
  const status = useFormStatus();
  const pending = isPending || status.pending;
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className={buttonClass(variant, className)}
    >
      {pending ? (pendingText ?? "Working…") : children}
    </button>
  );
}
