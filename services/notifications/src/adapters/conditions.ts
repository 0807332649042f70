/** True for a failed DynamoDB condition, raw from the SDK or wrapped by ElectroDB. */
export function isConditionFailure(err: unknown): boolean {
  const e = err as { name?: string; message?: string; cause?: { name?: string } };
  return (
    e?.name === 'ConditionalCheckFailedException' ||
    e?.cause?.name === 'ConditionalCheckFailedException' ||
    /conditional request failed/i.test(e?.message ?? '')
  );
}
