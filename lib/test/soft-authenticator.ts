import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { env } from "@/lib/env";

/**
 * A software passkey for integration tests: what a platform authenticator (user verified) answers
 * to the options the server hands out, as @simplewebauthn/browser would pass it on. An ES256 key
 * made here; the signature counter goes up by one at each use. The browser tests use Chromium's
 * own virtual authenticator instead.
 */
const b64url = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | Buffer | string) => createHash("sha256").update(data).digest();

const FLAG_UP = 0x01; // user present
const FLAG_UV = 0x04; // user verified
const FLAG_AT = 0x40; // attested credential data follows

export type TSoftPasskey = {
  credentialId: string;
  register: (options: PublicKeyCredentialCreationOptionsJSON) => RegistrationResponseJSON;
  /** Answers a challenge; `tamper` spoils the signature (a forged answer). */
  answer: (
    options: PublicKeyCredentialRequestOptionsJSON,
    how?: { tamper?: boolean },
  ) => AuthenticationResponseJSON;
};

export const softPasskey = (): TSoftPasskey => {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const credential = randomBytes(16);
  const credentialId = b64url(credential);
  const origin = new URL(env().NEXTAUTH_URL).origin;
  let counter = 0;

  const coseKey = (key: KeyObject) => {
    const jwk = key.export({ format: "jwk" });
    return isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, new Uint8Array(Buffer.from(jwk.x!, "base64url"))],
        [-3, new Uint8Array(Buffer.from(jwk.y!, "base64url"))],
      ]),
    );
  };

  const authData = (rpId: string, flags: number, attested?: Uint8Array) => {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
  };

  const clientData = (type: string, challenge: string) =>
    Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));

  return {
    credentialId,
    register: (options) => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(credential.length);
      const attested = Buffer.concat([Buffer.alloc(16), length, credential, coseKey(publicKey)]);
      const attestationObject = isoCBOR.encode(
        new Map<string, unknown>([
          ["fmt", "none"],
          ["attStmt", new Map()],
          ["authData", new Uint8Array(authData(options.rp.id!, FLAG_UP | FLAG_UV | FLAG_AT, attested))],
        ]) as Parameters<typeof isoCBOR.encode>[0],
      );
      return {
        id: credentialId,
        rawId: credentialId,
        type: "public-key",
        response: {
          clientDataJSON: b64url(clientData("webauthn.create", options.challenge)),
          attestationObject: b64url(attestationObject),
          transports: ["internal"],
        },
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
      };
    },
    answer: (options, how = {}) => {
      counter += 1;
      const data = authData(options.rpId!, FLAG_UP | FLAG_UV);
      const client = clientData("webauthn.get", options.challenge);
      const signature = sign("sha256", Buffer.concat([data, sha256(client)]), privateKey);
      if (how.tamper) signature[signature.length - 1]! ^= 0xff;
      return {
        id: credentialId,
        rawId: credentialId,
        type: "public-key",
        response: {
          clientDataJSON: b64url(client),
          authenticatorData: b64url(data),
          signature: b64url(signature),
        },
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
      };
    },
  };
};
