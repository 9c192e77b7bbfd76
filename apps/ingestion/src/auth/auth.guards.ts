import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';

import { ApiError } from '@dx/platform';

import { Agency } from '../agencies/agency.type';
import { CredentialsService, Principal } from './credentials.service';

type AuthenticatedRequest = Request & { principal?: Principal };

async function principalOf(credentials: CredentialsService, context: ExecutionContext): Promise<Principal> {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  const principal = await credentials.authenticate(request.headers.authorization, request.socket.remoteAddress ?? 'unknown');
  if (!principal) throw ApiError.unauthenticated();
  request.principal = principal;
  return principal;
}

/** Admin endpoints: the admin token; an agency key is valid credentials without the right (403). */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(private readonly credentials: CredentialsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const principal = await principalOf(this.credentials, context);
    if (principal.kind !== 'admin') throw ApiError.forbidden('Cần quyền quản trị / admin token required');
    return true;
  }
}

/** Agency endpoints: an agency's key. The admin is not an agency and reports nothing itself. */
@Injectable()
export class AgencyGuard implements CanActivate {
  constructor(private readonly credentials: CredentialsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const principal = await principalOf(this.credentials, context);
    if (principal.kind !== 'agency') throw ApiError.forbidden('Cần khoá API của cơ quan / an agency API key is required');
    return true;
  }
}

/** The calling agency, set by AgencyGuard. */
export const CurrentAgency = createParamDecorator((_data: unknown, context: ExecutionContext): Agency => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal?.kind !== 'agency') throw ApiError.unauthenticated();
  return principal.agency;
});
