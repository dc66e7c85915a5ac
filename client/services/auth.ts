import {
  type LoginResponse,
  loginResponseSchema,
  type Me,
  meSchema,
  type Persona,
  PRIVACY_AGREEMENT_VERSION,
  personaSchema,
} from '@shared/auth/auth.schema';
import { z } from 'zod';
import { ApiError, request, signInWithWechat } from './request';
import { clearSession, getSession, startSession, updateMe } from './session';

/** Sign-in, the resident's own profile, privacy consent, data export and account deletion. */

export type { Me, Persona };
export { signInWithWechat };

const personasSchema = z.array(personaSchema);
const me = meSchema;

/**
 * The demo personas, or `undefined` when the server is not in demo mode (it
 * answers 404 then, which is not an error for the resident).
 */
export async function listDemoPersonas(): Promise<Persona[] | undefined> {
  try {
    return await request('/auth/dev-personas', { schema: personasSchema, showErrorToast: false });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** Demo mode: signs in as a persona and stores the session. */
export async function signInAsPersona(persona: string): Promise<LoginResponse> {
  const login = await request('/auth/dev-login', {
    method: 'POST',
    data: { persona },
    schema: loginResponseSchema,
  });
  startSession(login);
  return login;
}

/** Reads the profile again (unread messages, claim status, roles) and stores it. */
export async function refreshMe(options: { showErrorToast?: boolean } = {}): Promise<Me | undefined> {
  if (!getSession().token) return undefined;
  const fresh = await request('/me', { schema: me, ...options });
  updateMe(fresh);
  return fresh;
}

/** Changes the nickname or large-text mode. */
export async function updateProfile(changes: { nickname?: string; largeText?: boolean }): Promise<Me> {
  const fresh = await request('/me', { method: 'PATCH', data: changes, schema: me });
  updateMe(fresh);
  return fresh;
}

/** Records that the resident accepted the current privacy agreement. */
export async function acceptPrivacyAgreement(): Promise<Me> {
  const fresh = await request('/me/privacy', {
    method: 'POST',
    data: { version: PRIVACY_AGREEMENT_VERSION },
    schema: me,
  });
  updateMe(fresh);
  return fresh;
}

/** Everything the server holds about the resident (PIPL right of access), as JSON. */
export function exportMyData(): Promise<Record<string, unknown>> {
  return request('/me/export');
}

/** The word the resident types to confirm deleting the account. */
export const DELETE_CONFIRMATION = '注销';

/** Deletes the account for good; the session on this device ends with it. */
export async function deleteAccount(): Promise<void> {
  await request('/me/delete', { method: 'POST', data: { confirm: DELETE_CONFIRMATION } });
  clearSession();
}

/** Signs out on this device (the token simply stops being sent). */
export function signOut(): void {
  clearSession();
}

/** Redeems a one-time invitation code (e.g. the community's first moderator) and stores the new roles. */
export async function redeemInvite(code: string): Promise<Me> {
  const fresh = await request('/auth/redeem-invite', { method: 'POST', data: { code }, schema: me });
  updateMe(fresh);
  return fresh;
}
