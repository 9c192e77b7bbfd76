import { API_ERROR_STATUS } from './api-error-code.enum';

describe('API_ERROR_STATUS', () => {
  it('should give every code the snake_case form clients match on and an error status', () => {
    for (const [code, status] of Object.entries(API_ERROR_STATUS)) {
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
  });
});
