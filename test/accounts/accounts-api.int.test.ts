/**
 * Staff accounts through the API, on the local issuer's user store: an admin creates one with a
 * scope from the registry, the user signs in with the claims set, an admin changes and disables it
 * (the token in hand is refused, sign-in too) and enables it again.
 */
import { randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, login } from '../support/api';

const username = `staff-${randomBytes(3).toString('hex')}`;
let admin: string;

const signIn = (name: string) => api('POST', '/local/login', { body: { username: name } });
const applicant = {
  username,
  name: '东宝区人民医院 申报员',
  email: `${username}@example.cn`,
  roles: ['applicant'],
  district: 'dongbao',
  department: 'dongbao-health',
  unit: 'dongbao-hospital',
};

beforeAll(async () => {
  admin = await login('admin');
});

describe('staff accounts', () => {
  it('refuses scopes the registry does not hold, and roles without the scope they need (422)', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ department: 'no-such-department' }, 'UNKNOWN_DEPARTMENT'],
      [{ unit: 'no-such-unit' }, 'UNKNOWN_UNIT'],
      [{ unit: 'city-service-center' }, 'UNIT_NOT_IN_DEPARTMENT'],
      [{ district: 'atlantis' }, 'UNKNOWN_DISTRICT'],
      [{ unit: undefined }, 'SCOPE_REQUIRED'],
    ];
    for (const [change, code] of cases) {
      const res = await api('POST', '/accounts', { token: admin, body: { ...applicant, ...change } });
      expect(res.status, code).toBe(422);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await signIn(username)).status).toBe(404);
  });

  it('creates an account whose user signs in with the roles and scope set, once (409 the second time)', async () => {
    const created = await api('POST', '/accounts', { token: admin, body: applicant });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...applicant, enabled: true });
    expect((await api('POST', '/accounts', { token: admin, body: applicant })).status).toBe(409);

    const session = await signIn(username);
    expect(session.status).toBe(200);
    expect(decodeJwt(session.body.token)).toMatchObject({
      'cognito:username': username,
      'cognito:groups': ['applicant'],
      'custom:district': 'dongbao',
      'custom:department': 'dongbao-health',
      'custom:unit': 'dongbao-hospital',
    });
    // Signed in as an applicant: the admins' list is refused with 403 (not 401).
    expect((await api('GET', '/accounts', { token: session.body.token })).status).toBe(403);

    const list = await api('GET', '/accounts', { token: admin });
    expect(list.body.accounts).toContainEqual(expect.objectContaining({ username, enabled: true }));
    expect(list.body.accounts).toContainEqual(expect.objectContaining({ username: 'admin', roles: ['admin'] }));
  });

  it('changes roles and scope; disabling refuses the token in hand and sign-in; enabling restores them', async () => {
    const token = (await signIn(username)).body.token as string;
    const changed = await api('PATCH', `/accounts/${username}`, {
      token: admin,
      body: { roles: ['department'], unit: null, name: '东宝区卫生健康局 经办人' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ roles: ['department'], department: 'dongbao-health', enabled: true });
    expect(changed.body.unit).toBeUndefined();
    expect(decodeJwt((await signIn(username)).body.token)).toMatchObject({ 'cognito:groups': ['department'] });
    expect(decodeJwt((await signIn(username)).body.token)['custom:unit']).toBeUndefined();

    const badUnit = await api('PATCH', `/accounts/${username}`, {
      token: admin,
      body: { unit: 'city-service-center' },
    });
    expect(badUnit.status).toBe(422);

    const disabled = await api('PATCH', `/accounts/${username}`, { token: admin, body: { enabled: false } });
    expect(disabled.body.enabled).toBe(false);
    expect((await api('GET', '/campaigns/jingmen-2019/nominations', { token })).status).toBe(401);
    const refused = await signIn(username);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('ACCOUNT_DISABLED');

    await api('PATCH', `/accounts/${username}`, { token: admin, body: { enabled: true } });
    expect((await signIn(username)).status).toBe(200);
    expect((await api('GET', '/accounts', { token })).status).toBe(403);
  });

  it('keeps an admin from disabling their own account (409); unknown accounts are 404, empty changes 400', async () => {
    const own = await api('PATCH', '/accounts/admin', { token: admin, body: { enabled: false } });
    expect(own.status).toBe(409);
    expect(own.body.error.code).toBe('OWN_ACCOUNT');
    expect((await api('PATCH', '/accounts/nobody-here', { token: admin, body: { enabled: false } })).status).toBe(404);
    expect((await api('PATCH', `/accounts/${username}`, { token: admin, body: {} })).status).toBe(400);
  });
});
