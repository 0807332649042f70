'use strict';
/**
 * serverless-offline-aws-eventbridge starts its schedules (node-cron) before it creates the functions
 * they invoke, and node-cron checks the time as it starts: a service whose `offline start` reaches
 * that point in second :00 of a minute runs its every-minute schedule at once, finds no functions
 * ("Lambda not present"), and the unhandled rejection ends the process. Patched by the devstack
 * plugin's constructor (before any hook runs): a delivery that comes before the functions exist
 * waits for them (they follow within milliseconds).
 */
const PATCHED = Symbol.for('parleyDevstackDeliveriesWaitForLambdas');

function deliverOnlyOnceLambdasExist(Plugin, { pollMs = 50, maxWaitMs = 60_000 } = {}) {
  const invoke = Plugin?.prototype?.invokeSubscriber;
  if (typeof invoke !== 'function' || invoke[PATCHED]) return false;
  const patched = async function invokeSubscriber_(...args) {
    for (let waited = 0; !this.lambda && waited < maxWaitMs; waited += pollMs)
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    return invoke.apply(this, args);
  };
  patched[PATCHED] = true;
  Plugin.prototype.invokeSubscriber = patched;
  return true;
}

module.exports = { deliverOnlyOnceLambdasExist };
