import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { decodeSessionToken, sessionTokenOf } from "@/lib/auth/session-token";

const SECRET = "a-test-secret-of-this-installation-0123456789";
const claims = { uid: "user_1", sid: "session_1", sv: 3, role: "PATIENT" as const, email: "pat@example.com" };

describe("decodeSessionToken", () => {
  it("reads the claims of a token next-auth issued", async () => {
    const token = await encode({ token: claims, secret: SECRET, maxAge: 900 });
    expect(await decodeSessionToken(token, SECRET)).toMatchObject(claims);
  });

  it("refuses a token of another secret, an altered one and an expired one", async () => {
    const token = await encode({ token: claims, secret: SECRET, maxAge: 900 });
    expect(await decodeSessionToken(token, `${SECRET}-other`)).toBeNull();
    const [header, key, iv, body, tag] = token.split(".");
    // One character of the ciphertext changed (to one it is not): its tag no longer matches.
    const flipped = `${body![0] === "A" ? "B" : "A"}${body!.slice(1)}`;
    expect(await decodeSessionToken([header, key, iv, flipped, tag].join("."), SECRET)).toBeNull();
    // Expired 16 s ago: past next-auth's 15 seconds of clock tolerance.
    const expired = await encode({ token: claims, secret: SECRET, maxAge: -16 });
    expect(await decodeSessionToken(expired, SECRET)).toBeNull();
    expect(await decodeSessionToken("not-a-token", SECRET)).toBeNull();
    expect(await decodeSessionToken(undefined, SECRET)).toBeNull();
  });
});

describe("sessionTokenOf", () => {
  const name = "__Secure-next-auth.session-token";

  it("takes the session cookie among others", () => {
    expect(
      sessionTokenOf(
        [
          { name: "guest", value: "g" },
          { name, value: "abc" },
        ],
        name,
      ),
    ).toBe("abc");
    expect(sessionTokenOf([{ name: "guest", value: "g" }], name)).toBeUndefined();
  });

  it("joins a chunked token in its chunks' order, as next-auth wrote it", () => {
    expect(
      sessionTokenOf(
        [
          { name: `${name}.2`, value: "c" },
          { name: `${name}.0`, value: "a" },
          { name: `${name}.10`, value: "d" },
          { name: `${name}.1`, value: "b" },
        ],
        name,
      ),
    ).toBe("abcd");
  });
});
