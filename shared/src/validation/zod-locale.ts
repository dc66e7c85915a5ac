import { z } from 'zod';

/**
 * Zod speaks Chinese to residents: both server and client call this once at
 * start so that every validation message is Simplified Chinese.
 */
export function installChineseValidationMessages(): void {
  z.config(z.locales.zhCN());
}

/** Flattens zod issues into `{ path, message }` pairs for an error's details. */
export function zodIssuesToFields(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
