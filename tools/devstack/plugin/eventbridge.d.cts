/** Makes serverless-offline-aws-eventbridge wait for its functions before a delivery; false if already done. */
export declare function deliverOnlyOnceLambdasExist(
  Plugin: unknown,
  options?: { pollMs?: number; maxWaitMs?: number },
): boolean;
