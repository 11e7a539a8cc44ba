import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "lib/generated/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Code that Next bundles: a production build can hold one module in several chunks, so one
    // class in several copies, and `instanceof` against the wrong copy is false (lib/errors.ts).
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "BinaryExpression[operator='instanceof'][right.type='Identifier'][right.name=/Error$/]:not([right.name=/^(Error|TypeError|RangeError|SyntaxError)$/])",
          message:
            "Recognise errors by their brand or code (isAppError, isGatewayError, isPrismaKnownRequestError), never by instanceof: the build can hold several copies of a class.",
        },
        {
          selector:
            "BinaryExpression[operator='instanceof'][right.type='MemberExpression'][right.property.name=/Error$/]",
          message:
            "Recognise errors by their brand or code (isAppError, isGatewayError, isPrismaKnownRequestError), never by instanceof: the build can hold several copies of a class.",
        },
      ],
    },
  },
  {
    // Pages and components reach the database and the gateway only through lib/ use cases and queries.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/db", "@/lib/db/*", "@/lib/generated/*"],
              message: "Use a lib/ query or use case.",
            },
            { group: ["@/lib/gateway", "@/lib/gateway/*"], message: "Use a lib/ use case." },
          ],
        },
      ],
    },
  },
];

export default config;
