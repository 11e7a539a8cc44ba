// The part of autocannon 8's API that bench/http.bench.ts uses (the package ships no types, and
// @types/autocannon is not a dependency of this project).
declare module "autocannon" {
  type TRequest = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (request: TRequest, context: Record<string, unknown>) => TRequest | null;
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  };
  type TOptions = {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    requests?: TRequest[];
  };
  const autocannon: (options: TOptions, done: (error: Error | null, result: unknown) => void) => unknown;
  export default autocannon;
}
