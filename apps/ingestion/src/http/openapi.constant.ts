import { ApiResponseOptions } from '@nestjs/swagger';

const errorExample = (code: string, message: string, details: unknown[] = []) => ({ error: { code, message, details } });

/** The contract's error answers, with examples, for the OpenAPI document. */
export const ERROR_RESPONSES = {
  malformedJson: { status: 400, description: 'malformed_json', schema: { example: errorExample('malformed_json', 'JSON không hợp lệ / malformed JSON') } },
  invalidRequest: {
    status: 400,
    description: 'invalid_request',
    schema: { example: errorExample('invalid_request', 'Yêu cầu không hợp lệ / invalid request', [{ path: 'observations', message: 'expected array' }]) },
  },
  unauthenticated: {
    status: 401,
    description: 'unauthenticated',
    schema: { example: errorExample('unauthenticated', 'Thiếu hoặc sai thông tin xác thực / missing or invalid credentials') },
  },
  forbidden: { status: 403, description: 'forbidden', schema: { example: errorExample('forbidden', 'Không có quyền / not allowed') } },
  notFound: { status: 404, description: 'not_found', schema: { example: errorExample('not_found', 'Không tìm thấy / not found') } },
  tooLarge: {
    status: 413,
    description: 'payload_too_large',
    schema: { example: errorExample('payload_too_large', 'Nội dung quá lớn / request body too large') },
  },
  rateLimited: {
    status: 429,
    description: 'rate_limited (with Retry-After)',
    schema: { example: errorExample('rate_limited', 'Quá nhiều yêu cầu / too many requests') },
  },
  unavailable: {
    status: 503,
    description: 'unavailable (with Retry-After): a dependency is down; nothing was stored',
    schema: { example: errorExample('unavailable', 'Dịch vụ tạm thời không sẵn sàng, vui lòng thử lại / service temporarily unavailable, please retry') },
  },
} satisfies Record<string, ApiResponseOptions>;
