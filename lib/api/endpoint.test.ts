import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { defineEndpoint } from "./endpoint";
import { log } from "@/lib/log";

/** An endpoint needing no key (so no database) that answers text from `chunks`. */
const textEndpoint = (chunks: () => AsyncGenerator<string>) =>
  defineEndpoint(
    {
      operationId: "testText",
      method: "GET",
      path: "/test",
      summary: "A text answer",
      description: "For the tests.",
      tag: "test",
      scope: null,
      responses: { 200: { description: "Text.", schema: z.string(), mediaType: "text/plain" } },
      problems: [],
    },
    async () => ({ status: 200, body: null, stream: chunks() }),
  );

const get = (endpoint: ReturnType<typeof textEndpoint>) =>
  endpoint.handle(new Request("http://localhost:3000/api/v1/test"));

describe("a streamed text answer", () => {
  afterEach(() => vi.restoreAllMocks());

  it("streams every chunk", async () => {
    const response = await get(
      textEndpoint(async function* () {
        yield "IMIA10|1|IMPTI10|A\n";
        yield "IMIA10|2|IMPTI10|A\n";
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("IMIA10|1|IMPTI10|A\nIMIA10|2|IMPTI10|A\n");
  });

  it("answers a problem+json 500 when the first chunk cannot be read", async () => {
    const logged = vi.spyOn(log, "error").mockImplementation(() => {});
    const response = await get(
      textEndpoint(async function* () {
        throw new Error("database down");
      }),
    );
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(logged).toHaveBeenCalled();
  });

  it("breaks the answer off, logged, when a later chunk fails: never a cut answer that looks whole", async () => {
    const logged = vi.spyOn(log, "error").mockImplementation(() => {});
    const response = await get(
      textEndpoint(async function* () {
        yield "IMIA10|1|IMPTI10|A\n";
        throw new Error("database down");
      }),
    );
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow("database down");
    expect(String(logged.mock.calls[0]?.[1])).toMatch(/failed while answering/);
  });
});
