import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { devstackClients } from '@parley/testing/devstack-clients';
import type { DevstackInfo } from '@parley/testing/devstack-info';
import type { Person } from './support.ts';

/** Registers `who` through identity's API; answers the user's id and roles. */
export async function register(url: string, who: Person): Promise<{ id: string; roles: string[] }> {
  const res = await fetch(`${url}/api/identity/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: who.email, password: who.password, displayName: who.name }),
  });
  if (res.status !== 201) throw new Error(`register ${who.email}: ${res.status}`);
  const { user } = (await res.json()) as { user: { id: string; roles: string[] } };
  return user;
}

/**
 * An admin for the tests. Identity makes the first account of a stack admin (or one listed in
 * PARLEY_ADMIN_EMAILS when devstack starts); in a whole integration run other files register first.
 * So, as the stage's operator would, the account is given the `admin` role on its stored user: its
 * next sign-in (the session's user and its access token) carries it. Answers the user's id.
 */
export async function registerAdmin(devstack: DevstackInfo & { url: string }, who: Person): Promise<string> {
  const user = await register(devstack.url, who);
  if (user.roles.includes('admin')) return user.id;
  const clients = devstackClients(devstack);
  try {
    await clients.dynamodb.send(
      new UpdateItemCommand({
        TableName: `parley-identity-${devstack.stage}`,
        Key: { pk: { S: `user#${user.id}` }, sk: { S: 'user' } },
        UpdateExpression: 'SET #roles = :roles',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#roles': 'roles' },
        ExpressionAttributeValues: { ':roles': { L: [{ S: 'admin' }, { S: 'user' }] } },
      }),
    );
  } finally {
    clients.destroy();
  }
  return user.id;
}
