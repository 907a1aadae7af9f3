/** Who is calling. Staff come from a verified JWT (Cognito or any OIDC issuer); voters from a voter token. */
export const ROLES = ['admin', 'district', 'department', 'applicant', 'judge'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  /** Stable subject id from the issuer. */
  sub: string;
  username: string;
  name: string;
  roles: Role[];
  /** District id (e.g. `dongbao`), for district users, applicants, departments and judges. */
  district?: string;
  /** Supervising department id (主管部门), for department users, applicants and judges. */
  department?: string;
  /** Unit id (窗口单位), for applicants and judges. */
  unit?: string;
}

export const hasRole = (actor: Actor, role: Role): boolean => actor.roles.includes(role);
