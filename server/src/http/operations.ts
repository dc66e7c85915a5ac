import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { ERRORS, type ErrorCode } from '../../../shared/src/errors';
import { zodIssuesToFields } from '../../../shared/src/validation/zod-locale';
import { type Actor, Principal } from '../auth/actor';
import type { Config } from '../config';
import { AppError } from './app-error';
import type { AppState } from './context';
import { withIdempotency } from './idempotency';
import { type RateLimit, RateLimits } from './rate-limit';
import { RouteTable } from './route-table';

extendZodWithOpenApi(z);

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type AnyObject = z.ZodType<Record<string, unknown>>;

export type AuthMode = 'public' | 'user';

export interface OperationInput<B, Q, P, A extends AuthMode = 'public'> {
  body: B;
  query: Q;
  params: P;
  /** The signed-in user: always present for `auth: 'user'`, present when a valid token was sent otherwise. */
  actor: A extends 'user' ? Actor : Actor | undefined;
  /** Who the token names; the only way to the actor in a `deferActor` operation. */
  principal: A extends 'user' ? Principal : Principal | undefined;
}

/**
 * One API operation, declared once: the router serves it and the OpenAPI
 * document describes it from the same zod schemas.
 */
export interface Operation<B, Q, P, R, A extends AuthMode = AuthMode> {
  method: Method;
  /** `user`: a valid token is required (401 otherwise). `public`: anyone; a token, if sent, must be valid. */
  auth: A;
  /** Koa-style path under /api, e.g. `/api/topics/:id`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  body?: z.ZodType<B>;
  /** A multipart/form-data operation (uploads): this schema documents its parts; the handler reads them. */
  multipart?: z.ZodType;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** Success response; omit `schema` for a response that is not JSON. */
  response: { status?: 200 | 201 | 202 | 204; schema?: z.ZodType<R>; description: string; contentType?: string };
  /**
   * Honour an Idempotency-Key header (S4): retries replay the first answer. Needs `auth: 'user'`.
   * `'in-transaction'`: the handler writes the record in the transaction of its effect (see takeIdempotencyClaim).
   */
  idempotent?: boolean | 'in-transaction';
  /** Per-user budget (S15); over it the operation answers 429 with Retry-After. A function reads the configuration. */
  rateLimit?: RateLimit | ((config: Config) => RateLimit);
  /**
   * The token is checked (signature, expiry) before the handler runs but the actor is not read: the
   * handler gets `principal` and must establish the actor itself — read it (`principal.actor()`) or
   * have its transaction confirm the same facts (actorGuardStatement). `actor` is not available.
   */
  deferActor?: boolean;
  /** Error codes this operation can answer besides VALIDATION_FAILED and INTERNAL. */
  errors?: ErrorCode[];
  handler: (ctx: Context & { state: AppState }, input: OperationInput<B, Q, P, A>) => Promise<R | undefined>;
}

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string().describe('Chinese message fit to show a resident'),
    details: z.unknown().optional(),
  }),
});

/** Collects operations for the router and the OpenAPI document. */
export class Api {
  private readonly registry = new OpenAPIRegistry();
  private readonly operationIds = new Set<string>();
  private readonly errorRef = this.registry.register('Error', errorBodySchema);
  private readonly rateLimits = new RateLimits();

  constructor(private readonly routes: RouteTable) {
    this.registry.registerComponent('securitySchemes', 'bearerAuth', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  }

  add<B = undefined, Q = undefined, P = undefined, R = unknown, A extends AuthMode = AuthMode>(
    op: Operation<B, Q, P, R, A>,
  ): void {
    if (this.operationIds.has(op.operationId)) throw new Error(`Duplicate operationId ${op.operationId}`);
    this.operationIds.add(op.operationId);
    this.describe(op);
    this.routes.routerFor(op.path)[op.method](op.operationId, op.path, async (ctx) => {
      ctx.state.operationId = op.operationId;
      if (op.body && ctx.request.type && !ctx.request.is('json')) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', { details: { expected: 'application/json' } });
      }
      const principal = await authenticate(ctx);
      if (op.auth === 'user' && !principal) throw new AppError('UNAUTHENTICATED');
      const actor = principal && !op.deferActor ? await principal.actor() : undefined;
      if (actor) ctx.state.actor = actor;
      const body = parseWith(op.body, ctx.request.body, 'body');
      const query = parseWith(op.query, ctx.query, 'query');
      const params = parseWith(op.params, ctx.params, 'params');
      const input = (
        op.deferActor
          ? new DeferredActorInput(body, query, params, principal, op.operationId)
          : { body, query, params, actor, principal }
      ) as OperationInput<B, Q, P, A>;
      const run = async () => {
        // Inside `run`, so an idempotent replay does not spend the user's budget.
        if (op.rateLimit && principal) {
          const limit = typeof op.rateLimit === 'function' ? op.rateLimit(ctx.services.config) : op.rateLimit;
          await this.rateLimits.consume(op.operationId, limit, String(principal.userId));
        }
        const result = await op.handler(ctx, input);
        // A handler that answers by itself (another status, a stream) returns undefined.
        if (result === undefined) {
          if (ctx.body === undefined || ctx.body === null) ctx.status = op.response.status ?? 204;
          return;
        }
        ctx.status = op.response.status ?? 200;
        if (op.response.contentType) ctx.type = op.response.contentType;
        ctx.body = result;
      };
      if (op.idempotent && principal) {
        await withIdempotency(
          ctx,
          ctx.services.dataSource,
          principal,
          op.operationId,
          run,
          op.idempotent === 'in-transaction' ? { inTransaction: { status: op.response.status ?? 200 } } : {},
        );
      } else {
        await run();
      }
    });
  }

  private cachedDocument: ReturnType<OpenApiGeneratorV31['generateDocument']> | undefined;

  /** The OpenAPI 3.1 document of every operation added so far (built once, on first use). */
  document(info: { version: string }): ReturnType<OpenApiGeneratorV31['generateDocument']> {
    this.cachedDocument ??= new OpenApiGeneratorV31(this.registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: {
        title: 'Yishi (议事) API',
        version: info.version,
        description:
          'Neighbourhood deliberation: topics, meetings, votes and outcomes. Every error answers ' +
          '`{"error":{"code","message","details"}}` with a Chinese message.',
      },
      servers: [{ url: '/' }],
    });
    return this.cachedDocument;
  }

  private describe<B, Q, P, R, A extends AuthMode>(op: Operation<B, Q, P, R, A>): void {
    const status = op.response.status ?? 200;
    const responses: Record<string, { description: string; content?: Record<string, { schema: z.ZodType }> }> = {
      [status]: {
        description: op.response.description,
        ...(op.response.schema && {
          content: { [op.response.contentType ?? 'application/json']: { schema: op.response.schema } },
        }),
      },
    };
    const codes = new Set<ErrorCode>(op.errors ?? []);
    // Any operation refuses a bad token; user operations also refuse a missing one.
    codes.add('TOKEN_INVALID');
    if (op.auth === 'user') codes.add('UNAUTHENTICATED');
    if (op.rateLimit) codes.add('RATE_LIMITED');
    if (op.idempotent) {
      codes.add('IDEMPOTENCY_IN_PROGRESS');
      codes.add('IDEMPOTENCY_KEY_REUSED');
    }
    if (op.body || op.query || op.params) codes.add('VALIDATION_FAILED');
    if (op.multipart) {
      codes.add('VALIDATION_FAILED');
      codes.add('PAYLOAD_TOO_LARGE');
      codes.add('UNSUPPORTED_MEDIA_TYPE');
    }
    if (op.body) {
      codes.add('INVALID_JSON');
      codes.add('UNSUPPORTED_MEDIA_TYPE');
      codes.add('PAYLOAD_TOO_LARGE');
    }
    codes.add('INTERNAL');
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of codes) {
      const s = ERRORS[code].status;
      byStatus.set(s, [...(byStatus.get(s) ?? []), code]);
    }
    for (const [s, list] of byStatus) {
      responses[s] = {
        description: list.map((code) => `${code}: ${ERRORS[code].message}`).join('; '),
        content: { 'application/json': { schema: this.errorRef } },
      };
    }
    this.registry.registerPath({
      method: op.method,
      path: op.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}'),
      operationId: op.operationId,
      summary: op.summary,
      tags: [op.tag],
      ...(op.auth === 'user' && { security: [{ bearerAuth: [] }] }),
      request: {
        ...(op.body && { body: { required: true, content: { 'application/json': { schema: op.body } } } }),
        ...(op.multipart && { body: { required: true, content: { 'multipart/form-data': { schema: op.multipart } } } }),
        ...(op.query && { query: op.query as unknown as AnyObject as never }),
        ...(op.params && { params: op.params as unknown as AnyObject as never }),
      },
      responses,
    });
  }
}

/** The input of a `deferActor` operation: the actor was not read, and asking for it is a programming error. */
class DeferredActorInput {
  constructor(
    readonly body: unknown,
    readonly query: unknown,
    readonly params: unknown,
    readonly principal: Principal | undefined,
    private readonly operationId: string,
  ) {}

  get actor(): never {
    throw new Error(`${this.operationId} defers the actor: use principal.actor()`);
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_.-]{10,4096})$/;

/**
 * Who the request's bearer token names (signature and expiry checked);
 * undefined without a token. A malformed, forged or expired token is
 * TOKEN_INVALID here; a revoked one, or a deleted or suspended account, when
 * the actor is read (Principal.actor).
 */
async function authenticate(ctx: Context & { state: AppState }): Promise<Principal | undefined> {
  const header = ctx.get('Authorization');
  if (!header) return undefined;
  const match = BEARER.exec(header);
  if (!match) throw new AppError('TOKEN_INVALID', { details: { reason: 'malformed' } });
  const claims = await ctx.services.tokens.verify(match[1]!);
  const principal = new Principal(ctx.services.dataSource, claims.userId, claims.version);
  ctx.state.principal = principal;
  return principal;
}

function parseWith<T>(
  schema: z.ZodType<T> | undefined,
  value: unknown,
  where: 'body' | 'query' | 'params',
): T | undefined {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw new AppError('VALIDATION_FAILED', {
    details: { in: where, fields: zodIssuesToFields(parsed.error) },
  });
}
