/**
 * API Gateway TOKEN authorizer for staff routes: verifies the ID token and passes the claims on as
 * context. It only authenticates (401 on a bad token); roles and ownership are checked in the
 * domain, so a wrong role is a 403 with the API's error format, not a gateway deny.
 */
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { actorToContext } from '../../shared/auth/staff-token';
import { staffTokens } from '../runtime/adapters';
import { defineFunction, serveFunction } from '../runtime/function';

export const staffAuthorizer = defineFunction({
  id: 'StaffAuthorizer',
  uses: { staffTokens: staffTokens.verify },
  timeoutSeconds: 10,
  handle:
    ({ staffTokens: verify }) =>
    async (event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
      const match = event.authorizationToken?.match(/^Bearer\s+(\S+)$/i);
      // API Gateway answers 401 (UNAUTHORIZED gateway response) when the authorizer throws exactly this.
      if (!match?.[1]) throw new Error('Unauthorized');
      let context: Record<string, string>;
      try {
        context = actorToContext(await verify(match[1]));
      } catch {
        throw new Error('Unauthorized');
      }
      // The policy covers the whole API so a cached decision serves every staff route.
      const [arnPrefix, stage] = event.methodArn.split('/');
      return {
        principalId: context.sub ?? 'unknown',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${arnPrefix}/${stage}/*` }],
        },
        context,
      };
    },
});

export const handler = serveFunction(staffAuthorizer);
