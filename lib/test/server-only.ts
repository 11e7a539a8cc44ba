// Stands in for the `server-only` package under vitest (see vitest.config.ts): the real one
// throws when imported outside a React Server Components build.
export {};
