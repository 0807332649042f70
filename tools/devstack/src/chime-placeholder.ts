import { createServer, type Server } from 'node:http';

/**
 * Where AWS_ENDPOINT_URL_CHIME_SDK_VOICE / _MEETINGS point until devstack's Chime emulator exists:
 * every call fails fast with a named AWS error (restJson1 shape) instead of reaching for AWS.
 */
export function chimePlaceholder(): Server {
  return createServer((req, res) => {
    req.resume();
    const body = JSON.stringify({ message: `devstack does not emulate Chime SDK yet (${req.method} ${req.url}).` });
    res.writeHead(501, { 'content-type': 'application/json', 'x-amzn-errortype': 'NotImplementedException' });
    res.end(body);
  });
}
