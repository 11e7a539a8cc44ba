export declare const REDACTED: "[REDACTED]";
/** A text with card-like numbers, emails, bearer tokens, keys and named secrets replaced. */
export declare const redactText: (text: string) => string;
/** Whether a field of this name is never logged (passwords, tokens, keys, card numbers…). */
export declare const isSecretField: (name: string) => boolean;
/** A copy of a value fit for a log line (strings redacted, secret fields replaced, errors flattened). */
export declare const redactValue: (value: unknown) => unknown;
