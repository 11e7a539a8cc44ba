"use client";

import { startTransition, useActionState } from "react";

/**
 * useActionState for a <form>, without React's reset of the form after the action: after a
 * failed submit the person keeps what they typed. The `action` attribute stays, so the form
 * still posts before (or without) JavaScript.
 */
export function useActionForm<TState>(
  action: (state: Awaited<TState>, formData: FormData) => TState | Promise<TState>,
  initialState: Awaited<TState>,
) {
  const [state, dispatch, isPending] = useActionState(action, initialState);
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  };
  return { state, isPending, formProps: { action: dispatch, onSubmit } };
}
