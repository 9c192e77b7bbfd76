import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';

import { CredentialsService } from './credentials.service';
import { authenticateRequest } from './principal.decorator';

/** Endpoints for the admin or a subscription (each use case checks what the subscription may see). */
@Injectable()
export class SubscriberGuard implements CanActivate {
  constructor(private readonly credentials: CredentialsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await authenticateRequest(this.credentials, context);
    return true;
  }
}
