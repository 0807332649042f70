import { parseConfig } from '@parley/lambda/config';
import * as z from 'zod';

export const config = parseConfig(
  z.object({
    TABLE_NAME: z.string().min(1),
    EVENT_BUS_NAME: z.string().min(1),
    AVATARS_BUCKET: z.string().min(3),
    /** SSM SecureString holding the ES256 signing keys */
    SIGNING_KEYS_PARAMETER: z.string().startsWith('/'),
    /** `iss` of the access tokens: the same value every authorizer checks */
    AUTH_ISSUER: z.string().min(1),
    AUTH_AUDIENCE: z.string().min(1),
    /** comma-separated emails that become admin when they register */
    ADMIN_EMAILS: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((e) => e.trim().toLowerCase())
          .filter(Boolean),
      ),
    /**
     * The public origin's secret (CloudFront's custom origin header, devstack's proxy): with it, the
     * viewer's address header is believed. Absent (or a CloudFormation reference not resolved, as in a
     * test): only API Gateway's source address counts.
     */
    ORIGIN_VERIFY_SECRET: z
      .string()
      .optional()
      .transform((s) => (s && !s.startsWith('{{resolve:') ? s : undefined)),
    /** the web client's public origin: mailed links open `<origin>/#/reset?token=…` (ADR 0020) */
    PUBLIC_ORIGIN: z.url().default('https://app.parley.example'),
    /** the sender of identity's emails: an address of a verified SES identity on AWS */
    EMAIL_FROM: z.string().min(3).default('Parley <no-reply@parley.example>'),
    /** sign-ups per client address per window (POST /auth/register) */
    SIGNUP_LIMIT_PER_ADDRESS: z.coerce.number().int().positive().default(5),
    SIGNUP_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(600),
    /** comma-separated addresses never counted (devstack: its own proxy's 127.0.0.1) */
    SIGNUP_UNLIMITED_ADDRESSES: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      ),
  }),
);
