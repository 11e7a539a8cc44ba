"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { endGuestSessionAction } from "@/lib/guest/actions";

export function EndGuestSessionButton() {
  const [, action] = useActionState(endGuestSessionAction, null);
  return (
    <form action={action}>
      <SubmitButton variant="secondary">Done</SubmitButton>
    </form>
  );
}
