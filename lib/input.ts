import { CONTROL_CHARACTER } from "@/lib/http/refused-address.mjs";

/**
 * Characters no input of ours may carry, checked at each edge (the address, server actions,
 * sign-in): PostgreSQL refuses a NUL in text, and a control character is in no address, email
 * or name. Text fields may hold tabs and newlines, so actions refuse only the NUL.
 */
export const hasControlCharacter = (text: string) => CONTROL_CHARACTER.test(text);

/** Whether a value, or any string inside it, holds a NUL. */
export const hasNul = (value: unknown): boolean =>
  typeof value === "string"
    ? value.includes("\u0000")
    : Array.isArray(value)
      ? value.some(hasNul)
      : typeof value === "object" && value !== null
        ? Object.values(value).some(hasNul)
        : false;
