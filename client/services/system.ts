import { type Health, healthSchema } from '@shared/system/system.schema';
import { type RequestOptions, request } from './request';

export type { Health };

/** `GET /api/health`: whether the server is up, which database it uses, its version. */
export function getHealth(options: Pick<RequestOptions, 'showErrorToast'> = {}): Promise<Health> {
  return request('/health', { ...options, schema: healthSchema });
}
