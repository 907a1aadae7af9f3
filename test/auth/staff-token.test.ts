import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalIssuer, type LocalIssuer } from '../../infra/local/issuer';
import { COGNITO_CLAIMS, verifyStaffToken, type StaffTokenSettings } from '../../shared/auth/staff-token';
import { UnauthorizedError } from '../../shared/errors';

const issuerUrl = 'https://idp.example.cn/realms/jingmen';
const audience = 'awards-staff';
let issuer: LocalIssuer;
let server: Server;
let settings: StaffTokenSettings;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  issuer = await createLocalIssuer({
    keyFile: join(mkdtempSync(join(tmpdir(), 'staff-token-')), 'key.json'),
    issuer: issuerUrl,
    audience,
  });
  server = createServer((_req, res) => res.end(JSON.stringify(issuer.jwks)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  settings = {
    issuer: issuerUrl,
    audience,
    jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`,
    claims: COGNITO_CLAIMS,
    maxAgeSeconds: 3600,
  };
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const cognitoClaims = {
  sub: 'u-1',
  'cognito:username': 'district-dongbao',
  'cognito:groups': ['district'],
  'custom:district': 'dongbao',
  token_use: 'id',
};
const sign = (claims: Record<string, unknown>, times: { iat?: number | null; exp?: number | null } = {}) =>
  issuer.signToken(claims, { issuer: issuerUrl, audience, ...times });

describe('staff tokens', () => {
  it('accepts a Cognito-shaped ID token and reads its scope', async () => {
    const actor = await verifyStaffToken(await sign(cognitoClaims), settings);
    expect(actor).toMatchObject({ username: 'district-dongbao', roles: ['district'], district: 'dongbao' });
  });

  it('refuses a token without exp', async () => {
    await expect(verifyStaffToken(await sign(cognitoClaims, { exp: null }), settings)).rejects.toThrow(
      UnauthorizedError,
    );
  });

  it('refuses a token without iat', async () => {
    await expect(verifyStaffToken(await sign(cognitoClaims, { iat: null }), settings)).rejects.toThrow(
      UnauthorizedError,
    );
  });

  it('refuses a token issued longer ago than the maximum age, though its exp is far away', async () => {
    const token = await sign(cognitoClaims, { iat: now() - 3700, exp: now() + 365 * 86400 });
    await expect(verifyStaffToken(token, settings)).rejects.toThrow(UnauthorizedError);
  });

  it('refuses a Cognito access token', async () => {
    await expect(verifyStaffToken(await sign({ ...cognitoClaims, token_use: 'access' }), settings)).rejects.toThrow(
      UnauthorizedError,
    );
  });

  describe('a generic OIDC issuer (Keycloak-shaped ID token, no token_use)', () => {
    const keycloakClaims = {
      sub: 'f1c0-42',
      preferred_username: 'dept-dongbao',
      name: '东宝区卫健局',
      typ: 'ID',
      realm_access: { roles: ['department', 'offline_access'] },
      district: 'dongbao',
      department: 'dongbao-health',
    };
    const mapping = {
      groups: 'realm_access.roles',
      district: 'district',
      department: 'department',
      unit: 'unit',
    };

    it('maps roles and scope through the configured claim names', async () => {
      const actor = await verifyStaffToken(await sign(keycloakClaims), { ...settings, claims: mapping });
      expect(actor).toEqual({
        sub: 'f1c0-42',
        username: 'dept-dongbao',
        name: '东宝区卫健局',
        roles: ['department'],
        district: 'dongbao',
        department: 'dongbao-health',
        unit: undefined,
      });
    });

    it("gives no role and no scope under Cognito's claim names", async () => {
      const actor = await verifyStaffToken(await sign(keycloakClaims), settings);
      expect(actor.roles).toEqual([]);
      expect(actor.district).toBeUndefined();
    });
  });
});
