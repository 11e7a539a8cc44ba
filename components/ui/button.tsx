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
}: {
  children: React.ReactNode;
  pendingText?: string;
  variant?: TButtonVariant;
  className?: string;
}) {
  const { pending } = useFormStatus();
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
