import { Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Hands a consumer's error back to the BatchConsumer as it was thrown: the failure policy (ADR 0003)
 * classifies it by type and code, which Nest's default RPC filter would replace with `{status: 'error'}`.
 * Set on every `@ConsumeEvents` handler, so no application-wide (HTTP) filter decides it.
 */
@Catch()
export class ConsumerErrorsFilter implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
