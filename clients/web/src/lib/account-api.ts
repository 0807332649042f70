import type { ApiClient } from './api-client.ts';

/**
 * The account routes behind mailed links (ADR 0020): forgot password and email verification. A port
 * like `auth-api.ts`; the public ones carry no token (the link's token is the proof), the resend is
 * the signed-in person's.
 */
export interface AccountApi {
  /** mails a reset link; the server answers the same whether or not the email has an account */
  requestPasswordReset(email: string): Promise<void>;
  /** sets a new password with the link's token; every session of the account ends */
  confirmPasswordReset(token: string, password: string): Promise<void>;
  /** marks my email verified with the link's token */
  confirmEmailVerification(token: string): Promise<void>;
  /** mails me a new verification link (signed in) */
  resendEmailVerification(): Promise<void>;
}

export function accountApi(api: ApiClient): AccountApi {
  return {
    async requestPasswordReset(email) {
      await api.request('POST', '/identity/auth/password-reset', { body: { email }, auth: false });
    },
    async confirmPasswordReset(token, password) {
      await api.request('POST', '/identity/auth/password-reset/confirm', { body: { token, password }, auth: false });
    },
    async confirmEmailVerification(token) {
      await api.request('POST', '/identity/auth/email-verification/confirm', { body: { token }, auth: false });
    },
    async resendEmailVerification() {
      await api.request('POST', '/identity/me/email-verification');
    },
  };
}
