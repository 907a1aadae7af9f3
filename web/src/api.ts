/**
 * The one typed API client every page uses. Response types come from the domain in shared/ by
 * `import type`, so nothing of the server is bundled.
 */
import type { publicCampaignView, dryRunTransitions } from '../../shared/campaigns/campaigns';
import type { PublicCandidate } from '../../shared/candidates/candidates';
import type { myVotes } from '../../shared/votes/my-votes';
import type { Receipt } from '../../shared/votes/cast-votes';
import type { publishedFileLinks, viewResults } from '../../shared/results/results';
import type { Nomination } from '../../shared/nominations/nomination';
import type { ResultsJob } from '../../shared/results/results-repository';
import type { Category } from '../../shared/campaigns/schema';
import type { voidLedgerFor } from '../../shared/votes/voids';
import type { flagEvidence } from '../../shared/votes/flags';
import type { listUploads } from '../../shared/uploads/uploads';
import type { listObjections } from '../../shared/objections/objections';
import type { scoresheet, judgingProgress } from '../../shared/judging/judging';
import type { Department, RegistryKind, Unit } from '../../shared/registry/registry';
import type { ImportReport } from '../../shared/registry/import';
import type { Account } from '../../shared/accounts/accounts';
import type { ActivityReport } from '../../shared/activity-reports/report';
import { t } from './i18n';

export type {
  Account,
  ActivityReport,
  Category,
  Department,
  ImportReport,
  Nomination,
  PublicCandidate,
  Receipt,
  ResultsJob,
  Unit,
};
export type PublicCampaign = ReturnType<typeof publicCampaignView>;
export type MyVotes = Awaited<ReturnType<typeof myVotes>>;
export type Results = Awaited<ReturnType<typeof viewResults>>;
export type Transitions = Awaited<ReturnType<typeof dryRunTransitions>>;
export type ResultRow = Results['categories'][Category][number];
export type ResultFiles = Awaited<ReturnType<typeof publishedFileLinks>>;
export type VoidEntry = ReturnType<typeof voidLedgerFor>[number];
export type Flag = Awaited<ReturnType<typeof flagEvidence>>;
export type UploadRecord = Awaited<ReturnType<typeof listUploads>>[number];
export type Objection = Awaited<ReturnType<typeof listObjections>>[number];
export type Scoresheet = Awaited<ReturnType<typeof scoresheet>>;
export type JudgingProgress = Awaited<ReturnType<typeof judgingProgress>>;

export interface FieldError {
  path: string;
  /** What is wrong, in the page's language. */
  message: string;
}

type Said = { message: string; messageEn?: string };
const said = (m: Said) => t(m.message, m.messageEn ?? m.message);

/** A refused request: the API's `{error: {code, message, messageEn, details}}` with its status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** The API's message in Chinese (`message`) and English. */
    message: string,
    readonly messageEn: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The API's message in the page's language. */
  get text(): string {
    return said(this);
  }

  /**
   * The 400/422 field details: `fields` ({path, message, messageEn}, `(body)` for the whole body) and `missing`
   * ({field, message, messageEn}), each message in the page's language.
   */
  get fields(): FieldError[] {
    const fields = Array.isArray(this.details.fields)
      ? (this.details.fields as Array<Said & { path: string }>).map((f) => ({ path: f.path, message: said(f) }))
      : [];
    const missing = Array.isArray(this.details.missing)
      ? (this.details.missing as Array<Said & { field: string }>).map((m) => ({ path: m.field, message: said(m) }))
      : [];
    return [...fields, ...missing];
  }
}

/**
 * Where staff sign in on AWS (the API stack writes it; see staff-sign-in.ts): Cognito's hosted UI by its endpoints, or
 * an OIDC issuer (context staffIssuer) whose discovery document names them.
 */
export type StaffSignInConfig = { clientId: string } & (
  | { authorizeUrl: string; tokenUrl: string; logoutUrl: string }
  | { issuer: string }
);

/**
 * The site's config: on AWS the API stack writes `config.json` (`{apiUrl, publicApiUrl, staffSignIn}`)
 * beside the pages; the built pages carry an empty one (web/public/config.json) for the local gateway,
 * which serves the API on the pages' own origin and signs staff in with its demo users.
 */
interface SiteConfig {
  apiUrl?: string;
  /** The CDN in front of the API: anonymous GETs (campaign, candidates, tally, results) go there. */
  publicApiUrl?: string;
  staffSignIn?: StaffSignInConfig;
}
let config: Promise<SiteConfig> | undefined;
export const siteConfig = () =>
  (config ??= fetch('/config.json', { headers: { accept: 'application/json' } })
    .then((r): Promise<SiteConfig> | SiteConfig => (r.ok ? r.json() : {}))
    .catch((): SiteConfig => ({})));
export const apiBase = () => siteConfig().then((c) => (c.apiUrl ?? '').replace(/\/+$/, ''));
/** Where an anonymous GET goes: the CDN when there is one, so a voting peak's reads come from its cache. */
const publicBase = () => siteConfig().then((c) => (c.publicApiUrl ?? c.apiUrl ?? '').replace(/\/+$/, ''));
const STAFF_KEY = 'staffToken';
const VOTER_KEY = 'voterSession';

export interface StaffClaims {
  username: string;
  name?: string;
  roles: string[];
  district?: string;
  department?: string;
  unit?: string;
}

export const staffToken = () => sessionStorage.getItem(STAFF_KEY);
export const setStaffToken = (token: string | null) =>
  token ? sessionStorage.setItem(STAFF_KEY, token) : sessionStorage.removeItem(STAFF_KEY);

/** The signed-in staff user from the ID token's claims (display only: the API checks the token). */
export const staffUser = (): StaffClaims | undefined => {
  const token = staffToken();
  if (!token) return undefined;
  try {
    const base64 = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))));
    return {
      username: claims['cognito:username'] ?? claims.username ?? claims.sub,
      name: claims.name,
      roles: claims['cognito:groups'] ?? claims.roles ?? [],
      district: claims['custom:district'] ?? claims.district,
      department: claims['custom:department'] ?? claims.department,
      unit: claims['custom:unit'] ?? claims.unit,
    };
  } catch {
    return undefined;
  }
};

export interface VoterSession {
  token: string;
  expiresAt: string;
  /** The verified number, kept in this tab only: an objection must name it (the API checks). */
  phone: string;
}
export const voterSession = (): VoterSession | undefined => {
  const saved = sessionStorage.getItem(VOTER_KEY);
  const session = saved ? (JSON.parse(saved) as VoterSession) : undefined;
  return session && Date.parse(session.expiresAt) > Date.now() ? session : undefined;
};
export const setVoterSession = (session: VoterSession | null) =>
  session ? sessionStorage.setItem(VOTER_KEY, JSON.stringify(session)) : sessionStorage.removeItem(VOTER_KEY);

type Auth = 'staff' | 'voter' | 'none';

/** Calls the API; throws ApiError for every non-2xx answer. */
export const call = async <T>(method: string, path: string, body?: unknown, auth: Auth = 'staff'): Promise<T> => {
  const token = auth === 'staff' ? staffToken() : auth === 'voter' ? voterSession()?.token : undefined;
  const base = method === 'GET' && !token ? await publicBase() : await apiBase();
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json') && text !== '';
  const data = isJson ? JSON.parse(text) : text;
  if (!response.ok) {
    const error = data?.error ?? {};
    const message = error.message ?? response.statusText;
    throw new ApiError(response.status, error.code ?? 'HTTP_ERROR', message, error.messageEn ?? message, error.details);
  }
  return data as T;
};

const q = (params: Record<string, string | undefined>) => {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return query ? `?${query}` : '';
};
const enc = encodeURIComponent;

export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
  uploadId: string;
}

/** Every path the pages use, typed. */
export const api = {
  users: () =>
    call<{ users: Array<StaffClaims & { name: string }> }>('GET', '/local/users', undefined, 'none').then(
      (r) => r.users,
    ),
  login: (username: string) => call<{ token: string }>('POST', '/local/login', { username }, 'none'),
  outbox: (phone: string) =>
    call<{ messages: Array<{ text?: string; body?: string; message?: string; code?: string }> }>(
      'GET',
      `/local/outbox${q({ phone })}`,
      undefined,
      'none',
    ),

  campaigns: () => call<{ campaigns: PublicCampaign[] }>('GET', '/campaigns').then((r) => r.campaigns),
  campaign: (cid: string) =>
    call<PublicCampaign & { config?: Record<string, unknown> }>('GET', `/campaigns/${enc(cid)}`),
  updateCampaign: (cid: string, patch: Record<string, unknown>) =>
    call<PublicCampaign>('PATCH', `/campaigns/${enc(cid)}`, patch),
  transitions: (cid: string) => call<Transitions>('GET', `/campaigns/${enc(cid)}/transitions`),
  move: (cid: string, to: string, reason: string) =>
    call<unknown>('POST', `/campaigns/${enc(cid)}/transitions`, { to, reason }),
  audit: (cid: string, cursor?: string) =>
    call<{ entries: Array<Record<string, unknown>>; nextCursor?: string }>(
      'GET',
      `/campaigns/${enc(cid)}/audit${q({ limit: '50', cursor })}`,
    ),

  candidates: (cid: string, filter: { category?: string; district?: string; sector?: string } = {}) =>
    call<{ count: number; candidates: PublicCandidate[] }>(
      'GET',
      `/campaigns/${enc(cid)}/candidates${q(filter)}`,
      undefined,
      'none',
    ).then((r) => r.candidates),
  candidate: (cid: string, nid: string) =>
    call<PublicCandidate>('GET', `/campaigns/${enc(cid)}/candidates/${enc(nid)}`, undefined, 'none'),
  object: (cid: string, nid: string, body: { name: string; phone: string; content: string; notify: boolean }) =>
    call<{ id?: string; objectionId?: string }>(
      'POST',
      `/campaigns/${enc(cid)}/candidates/${enc(nid)}/objections`,
      body,
      'voter',
    ),
  objections: (cid: string) =>
    call<{ objections: Objection[] }>('GET', `/campaigns/${enc(cid)}/objections`).then((r) => r.objections),
  rule: (oid: string, decision: 'uphold' | 'dismiss', reason: string) =>
    call<unknown>('POST', `/objections/${enc(oid)}/ruling`, { decision, reason }),
  ruleMany: (cid: string, objectionIds: string[], decision: 'uphold' | 'dismiss', reason: string) =>
    call<{
      outcomes: Array<{ id: string; ruled: boolean; error?: { code: string; message: string; messageEn: string } }>;
    }>('POST', `/campaigns/${enc(cid)}/objections/rulings`, { objectionIds, decision, reason }),

  requestCode: (phone: string) => call<unknown>('POST', '/voter/otp', { phone }, 'none'),
  startSession: (phone: string, code: string) =>
    call<Omit<VoterSession, 'phone'>>('POST', '/voter/session', { phone, code }, 'none').then((s) => ({ ...s, phone })),
  endSession: () => call<{ ended: true }>('DELETE', '/voter/session', undefined, 'voter'),
  vote: (cid: string, candidateIds: string[]) =>
    call<{ receipts: Receipt[] }>('POST', `/campaigns/${enc(cid)}/votes`, { candidateIds }, 'voter'),
  myVotes: (cid: string) => call<MyVotes>('GET', `/campaigns/${enc(cid)}/votes/mine`, undefined, 'voter'),
  receipt: (id: string) =>
    call<{ receiptId: string; status: string; candidateId?: string; proof?: unknown }>(
      'GET',
      `/receipts/${enc(id)}`,
      undefined,
      'none',
    ),
  voids: (cid: string) => call<{ voids: VoidEntry[] }>('GET', `/campaigns/${enc(cid)}/vote-voids`).then((r) => r.voids),
  voidVotes: (cid: string, body: { receiptIds?: string[]; flagId?: string; reason: string }) =>
    call<unknown>('POST', `/campaigns/${enc(cid)}/vote-voids`, body),
  flags: (cid: string) => call<{ flags: Flag[] }>('GET', `/campaigns/${enc(cid)}/vote-flags`).then((r) => r.flags),

  results: (cid: string) => call<Results>('GET', `/campaigns/${enc(cid)}/results`),
  resultFiles: (cid: string) => call<ResultFiles>('GET', `/campaigns/${enc(cid)}/results/files`),
  computeResults: (cid: string) => call<ResultsJob>('POST', `/campaigns/${enc(cid)}/results/compute`, {}),
  computation: (cid: string) => call<ResultsJob>('GET', `/campaigns/${enc(cid)}/results/compute`),
  votesExport: (cid: string) =>
    call<{ version: number; name: string; rows: number; url: string }>('GET', `/campaigns/${enc(cid)}/exports/votes`),
  override: (cid: string, body: { nominationId: string; awarded: boolean; reason: string }) =>
    call<unknown>('POST', `/campaigns/${enc(cid)}/results/overrides`, body),

  form: (cid: string, category: Category) => call<JsonSchema>('GET', `/campaigns/${enc(cid)}/forms/${category}`),
  nominations: (cid: string, filter: { status?: string; category?: string; district?: string } = {}) =>
    call<{ nominations: Nomination[] }>('GET', `/campaigns/${enc(cid)}/nominations${q(filter)}`).then(
      (r) => r.nominations,
    ),
  nomination: (nid: string) => call<Nomination>('GET', `/nominations/${enc(nid)}`),
  createNomination: (
    cid: string,
    body: { category: Category; district: string; sector: string; form: Record<string, unknown> },
  ) => call<Nomination>('POST', `/campaigns/${enc(cid)}/nominations`, body),
  updateNomination: (nid: string, body: Record<string, unknown>) =>
    call<Nomination>('PATCH', `/nominations/${enc(nid)}`, body),
  submit: (nid: string) => call<Nomination>('POST', `/nominations/${enc(nid)}/submit`, {}),
  endorse: (nid: string, decision: 'endorse' | 'return', opinion: string, confirmed: string[] = []) =>
    call<Nomination>('POST', `/nominations/${enc(nid)}/endorse`, {
      decision,
      opinion,
      ...(decision === 'endorse' ? { confirmed } : {}),
    }),
  returnToDepartment: (nid: string, reason: string) =>
    call<Nomination>('POST', `/nominations/${enc(nid)}/return`, { reason }),
  recordPaperCopies: (nid: string, copies: number, note: string) =>
    call<Nomination>('POST', `/nominations/${enc(nid)}/paper-copies`, { copies, ...(note ? { note } : {}) }),
  forward: (nid: string) => call<Nomination>('POST', `/nominations/${enc(nid)}/forward`, {}),
  review: (nid: string, decision: 'approve' | 'reject', reason: string) =>
    call<Nomination>('POST', `/nominations/${enc(nid)}/review`, { decision, reason }),
  uploads: (nid: string) =>
    call<{ uploads: UploadRecord[] }>('GET', `/nominations/${enc(nid)}/uploads`).then((r) => r.uploads),
  requestUpload: (nid: string, body: { kind: string; contentType: string; size: number; filename: string }) =>
    call<PresignedPost>('POST', `/nominations/${enc(nid)}/uploads`, body),

  addJudge: (cid: string, body: { username: string; name: string; district?: string; unit?: string }) =>
    call<unknown>('POST', `/campaigns/${enc(cid)}/judges`, body),
  scoresheet: (cid: string) => call<Scoresheet>('GET', `/campaigns/${enc(cid)}/scoresheet`),
  score: (cid: string, nid: string, criteria: number[], comment: string) =>
    call<unknown>('PUT', `/campaigns/${enc(cid)}/scores/${enc(nid)}`, { criteria, comment }),
  conflicts: (cid: string, nominationIds: string[], reason: string) =>
    call<unknown>('POST', `/campaigns/${enc(cid)}/conflicts`, { nominationIds, reason }),
  judgingProgress: (cid: string) => call<JudgingProgress>('GET', `/campaigns/${enc(cid)}/judging-progress`),
  closeJudging: (cid: string, reason: string) =>
    call<unknown>('POST', `/campaigns/${enc(cid)}/judging/close`, { reason }),

  departments: () => call<{ departments: Department[] }>('GET', '/registry/departments').then((r) => r.departments),
  units: () => call<{ units: Unit[] }>('GET', '/registry/units').then((r) => r.units),
  importRegistry: (body: { kind: RegistryKind; format: 'csv' | 'xlsx'; content: string; dryRun: boolean }) =>
    call<ImportReport>('POST', '/registry/import', body),
  accounts: () => call<{ accounts: Account[] }>('GET', '/accounts').then((r) => r.accounts),
  createAccount: (body: Omit<Account, 'enabled'>) => call<Account>('POST', '/accounts', body),
  updateAccount: (username: string, patch: Partial<Omit<Account, 'username' | 'email'>>) =>
    call<Account>('PATCH', `/accounts/${enc(username)}`, patch),

  activityReports: (cid: string) =>
    call<{ reports: ActivityReport[] }>('GET', `/campaigns/${enc(cid)}/activity-reports`).then((r) => r.reports),
  fileActivityReport: (cid: string, body: { title: string; date: string; text: string }) =>
    call<ActivityReport>('POST', `/campaigns/${enc(cid)}/activity-reports`, body),
  updateActivityReport: (rid: string, body: { title: string; date: string; text: string }) =>
    call<ActivityReport>('PATCH', `/activity-reports/${enc(rid)}`, body),
  /** One report with its verified photos (short-lived links, thumbnails where made). */
  activityReport: (rid: string) =>
    call<ActivityReport & { photos: Array<{ url: string; thumbnail?: { url: string } }> }>(
      'GET',
      `/activity-reports/${enc(rid)}`,
    ),
  requestReportUpload: (
    rid: string,
    body: { kind: 'report_photo'; contentType: string; size: number; filename: string },
  ) => call<PresignedPost>('POST', `/activity-reports/${enc(rid)}/uploads`, body),
  archive: (nid: string) =>
    call<{ name: string; bytes: number; url: string }>('POST', `/nominations/${enc(nid)}/archive`, {}),
};

export interface JsonSchema {
  type?: string;
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: string[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

/** Sends a file to a presigned POST with upload progress (fetch has none). */
export const postFile = (post: PresignedPost, file: Blob, onProgress: (fraction: number) => void): Promise<void> =>
  new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', post.url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () =>
      xhr.status < 300
        ? resolve()
        : reject(
            new ApiError(xhr.status, 'UPLOAD_FAILED', xhr.responseText.slice(0, 200), xhr.responseText.slice(0, 200)),
          );
    xhr.onerror = () => reject(new ApiError(0, 'UPLOAD_FAILED', '上传失败', 'Upload failed'));
    xhr.send(form);
  });
