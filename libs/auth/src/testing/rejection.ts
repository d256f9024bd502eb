import { InvalidTokenError } from '../invalid-token.error';
import { TokenVerifier } from '../token-verifier';

/** For verifier specs: the InvalidTokenError with which `verifier` refuses `token` (fails the test if it accepts it). */
export async function rejection(verifier: TokenVerifier, token: string): Promise<InvalidTokenError> {
  const error = await verifier.verify(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidTokenError);
  return error as InvalidTokenError;
}
