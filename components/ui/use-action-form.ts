"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import type { FormState } from "@/lib/result";

/**
 * useActionState for a <form>, without React's reset of the form after the action: after a
 * failed submit the person keeps what they typed. The `action` attribute stays, so the form
 * still posts before (or without) JavaScript. `isResetOnSuccess` empties the form after a
 * success instead, for forms whose fields must not stay (a password, a statement just linked).
 */
export function useActionForm<TState extends FormState<unknown>>(
  action: (state: Awaited<TState>, formData: FormData) => TState | Promise<TState>,
  initialState: Awaited<TState>,
  { isResetOnSuccess = false }: { isResetOnSuccess?: boolean } = {},
) {
  const [state, dispatch, isPending] = useActionState(action, initialState);
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (isResetOnSuccess && state?.ok) ref.current?.reset();
  }, [state, isResetOnSuccess]);
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  };
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return { state, isPending, fieldErrors, formProps: { ref, action: dispatch, onSubmit } };
}
