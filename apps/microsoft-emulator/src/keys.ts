import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

let cached: Promise<SigningKey> | undefined;

/** One RSA key per process (generation is the slowest part of start-up); every emulator instance shares it. */
export function getSigningKey(): Promise<SigningKey> {
  cached ??= (async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    return { kid, privateKey, publicJwk: { kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e } };
  })();
  return cached;
}
