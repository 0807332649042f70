/** Fixed facts of every devstack. */
export const REGION = 'eu-central-1';
export const STAGE = 'local';
export const ACCOUNT_ID = '000000000000';
/** Dummy credentials: the SDKs need some; DynamoDB Local ignores them, s3rver checks signatures with them. */
export const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const SIGNING_KEYS_PARAMETER = `/parley/${STAGE}/identity/signing-keys`;
