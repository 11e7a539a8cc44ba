/**
 * A second instance of a module, as another chunk of a production build holds it: Next can bundle
 * one module into several chunks, each with its own classes (lib/errors.ts). Vitest gives a
 * module imported under another query string its own instance.
 */
export const importAnotherCopy = async <T>(specifier: string): Promise<T> =>
  (await import(/* @vite-ignore */ `${specifier}?another-chunk`)) as T;
