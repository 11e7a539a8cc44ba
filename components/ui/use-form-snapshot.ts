"use client";

import { useEffect, useRef, useState } from "react";

/**
 * State that mirrors a form whose inputs are uncontrolled (`defaultValue`, `defaultChecked`),
 * for what the page shows live (a preview, a consent text). What someone types or ticks before
 * the page hydrates stays in the inputs, and `read` takes it from there once React has taken
 * over, then on every change; controlled inputs would put their initial state back over it.
 * `read` gets the previous snapshot for fields not shown at the moment. Pass a function defined
 * outside the component, so it is the same on every render.
 */
export function useFormSnapshot<T>(initial: () => T, read: (form: HTMLFormElement, previous: T) => T) {
  const ref = useRef<HTMLFormElement>(null);
  const [snapshot, setSnapshot] = useState(initial);
  useEffect(() => {
    const form = ref.current;
    if (form) setSnapshot((previous) => read(form, previous));
  }, [read]);
  const onChange = (event: React.FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    setSnapshot((previous) => read(form, previous));
  };
  return { snapshot, formProps: { ref, onChange } };
}
