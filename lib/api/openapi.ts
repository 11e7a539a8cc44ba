import { z } from "zod";
import type { TEndpointDefinition } from "./endpoint";
import { PROBLEM_TYPES, problemTypeUri, type TProblemType } from "./problem";
import { API_VERSION, apiSchemas } from "./schemas";

/**
 * The OpenAPI 3.1 document of /api/v1, written from the endpoints' own zod schemas (the ones
 * that validate requests), so the document cannot say one thing while the routes check another.
 * Named schemas (lib/api/schemas.ts) are components; answers are referenced, problems listed
 * per operation with their RFC 9457 body.
 */

type TJson = Record<string, unknown>;

const REF = (id: string) => `#/components/schemas/${id}`;

/** A JSON Schema for OpenAPI: no `$schema` or `$id` of its own. */
const clean = (schema: TJson): TJson => {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
};

const jsonSchema = (schema: z.ZodType, io: "input" | "output"): TJson => {
  const id = apiSchemas.get(schema)?.id;
  if (id) return { $ref: REF(id) };
  const { $defs: _defs, ...written } = z.toJSONSchema(schema, {
    io,
    target: "draft-2020-12",
    metadata: apiSchemas,
    unrepresentable: "any",
  }) as TJson;
  // A named schema inside is written in $defs: point at its component instead.
  return clean(toComponentRefs(written) as TJson);
};

const toComponentRefs = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(toComponentRefs);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === "$ref" && typeof v === "string" && v.startsWith("#/$defs/")
        ? REF(v.slice("#/$defs/".length))
        : toComponentRefs(v),
    ]),
  );
};

const componentSchemas = () => {
  const { schemas } = z.toJSONSchema(apiSchemas, { uri: REF, target: "draft-2020-12" }) as {
    schemas: Record<string, TJson>;
  };
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, clean(s)]));
};

const COMMON_PROBLEMS: TProblemType[] = ["unauthorized", "rate-limited", "internal"];

const problemResponse = (type: TProblemType) => ({
  description: PROBLEM_TYPES[type].title,
  ...(type === "rate-limited"
    ? { headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } } }
    : {}),
  content: {
    "application/problem+json": {
      schema: { $ref: REF("Problem") },
      example: {
        type: problemTypeUri(type),
        title: PROBLEM_TYPES[type].title,
        status: PROBLEM_TYPES[type].status,
        detail: PROBLEM_TYPES[type].title,
        instance: "/api/v1/…",
        request_id: "7d1c8f0e-2b1a-4c55-9d1e-0a9b8c7d6e5f",
      },
    },
  },
});

/** The query or path parameters of a zod object, one OpenAPI parameter each. */
const parametersOf = (schema: z.ZodObject | undefined, where: "query" | "path") => {
  if (!schema) return [];
  const object = jsonSchema(schema, "input") as { properties?: Record<string, TJson>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || (object.required ?? []).includes(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
};

const operationOf = (e: TEndpointDefinition) => {
  const problems: TProblemType[] = [
    ...(e.scope === null ? [] : COMMON_PROBLEMS),
    ...(e.scope === "write" ? (["forbidden"] as const) : []),
    ...e.problems,
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(e.responses)) {
    responses[status] = {
      description: r.description,
      ...(r.headers
        ? {
            headers: Object.fromEntries(
              Object.entries(r.headers).map(([name, description]) => [
                name,
                { description, schema: { type: "string" } },
              ]),
            ),
          }
        : {}),
      content: {
        [r.mediaType ?? "application/json"]: {
          schema: jsonSchema(r.schema, "output"),
          ...(r.example ? { example: r.example } : {}),
        },
      },
    };
  }
  for (const type of [...new Set(problems)].sort(
    (a, b) => PROBLEM_TYPES[a].status - PROBLEM_TYPES[b].status,
  )) {
    responses[String(PROBLEM_TYPES[type].status)] = problemResponse(type);
  }
  return {
    operationId: e.operationId,
    summary: e.summary,
    description: e.description,
    tags: [e.tag],
    security: e.scope === null ? [] : [{ apiKey: [] }],
    ...(e.scope ? { "x-scope": e.scope } : {}),
    parameters: [
      ...parametersOf(e.params, "path"),
      ...parametersOf(e.query, "query"),
      ...(e.headers ?? []).map((h) => ({
        name: h.name,
        in: "header",
        required: true,
        description: h.description,
        schema: jsonSchema(h.schema, "input"),
      })),
    ],
    ...(e.textBody
      ? {
          requestBody: {
            required: true,
            description: `${e.textBody.description} At most ${e.textBody.maxBytes} bytes (413 past it).`,
            content: {
              "text/plain": {
                schema: { type: "string", maxLength: e.textBody.maxBytes },
                ...(e.textBody.example ? { example: e.textBody.example } : {}),
              },
            },
          },
        }
      : {}),
    ...(e.body
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: jsonSchema(e.body.schema, "input"),
                ...(e.body.example ? { example: e.body.example } : {}),
              },
            },
          },
        }
      : {}),
    responses,
  };
};

export const buildOpenApiDocument = (endpoints: readonly TEndpointDefinition[]) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    (paths[e.path] ??= {})[e.method.toLowerCase()] = operationOf(e);
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Patient payment portal API",
      version: API_VERSION,
      description:
        "For the practice's own system: payments, the events feed, accounts, statement balances, plans and payment transaction files (IMPTI10). Authenticate with `Authorization: Bearer <API key>` (made by an admin under Staff → API keys). Errors are RFC 9457 problems (application/problem+json). docs/api.md in the repository says more.",
    },
    servers: [{ url: "/api/v1" }],
    tags: [...new Set(endpoints.map((e) => e.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description:
            "An API key: `ppk_live_` and 43 characters. A read key may GET; a write key may also PUT and POST.",
        },
      },
      schemas: componentSchemas(),
    },
  };
};
