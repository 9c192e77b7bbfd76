import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';

import { ApiError } from '@dx/platform';

import { CredentialsService } from './credentials.service';
import { authenticateRequest } from './principal.decorator';

/** Admin endpoints: the admin token; a subscription's token is valid credentials without the right (403). */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(private readonly credentials: CredentialsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const principal = await authenticateRequest(this.credentials, context);
    if (principal.kind !== 'admin') throw ApiError.forbidden('Cần quyền quản trị / admin token required');
    return true;
  }
}
