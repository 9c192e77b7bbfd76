import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

import { ApiError } from '@dx/platform';

import { CredentialsService, Principal } from './credentials.service';

type AuthenticatedRequest = Request & { principal?: Principal };

/** Authenticates the request once (401 without valid credentials) and remembers who it is. */
export async function authenticateRequest(credentials: CredentialsService, context: ExecutionContext): Promise<Principal> {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  const principal = await credentials.authenticate(request.headers.authorization);
  if (!principal) throw ApiError.unauthenticated();
  request.principal = principal;
  return principal;
}

/** The caller, as a guard of this feature authenticated it. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw ApiError.unauthenticated();
  return principal;
});
