"use client";

import { signOut } from "next-auth/react";

/** `label`: in the reader's language where the page is translated; English otherwise. */
export function SignOutButton({ label = "Sign out" }: { label?: string }) {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/login?reason=signedout" })}
      className="min-h-11 rounded-md px-3 py-2 font-medium text-brand-800 underline underline-offset-2 hover:bg-brand-50"
    >
      {label}
    </button>
  );
}
