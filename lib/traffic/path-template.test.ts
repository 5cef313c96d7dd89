import { describe, expect, test } from 'vitest';
import { pathTemplate } from './index';

describe('pathTemplate', () => {
  test.each([
    ['/api/v1/users/123', '/api/v1/users/{id}'],
    ['/api/v1/users/123/orders/456', '/api/v1/users/{id}/orders/{id}'],
    ['/items/3f2b8c1e-9a4d-4e7f-b1c2-0d9e8f7a6b5c', '/items/{id}'],
    ['/blobs/deadbeef1234', '/blobs/{id}'],
    ['/product/OLJCESPC7Z', '/product/{id}'],
    ['/hipstershop.CartService/GetCart', '/hipstershop.CartService/GetCart'],
    ['/api/v2/health', '/api/v2/health'],
    ['/static/styles/main.css', '/static/styles/main.css'],
    ['/cart/checkout', '/cart/checkout'],
    ['/', '/'],
    ['/x/{id}', '/x/{id}'],
  ])('%s → %s', (path, expected) => {
    expect(pathTemplate(path)).toBe(expected);
  });
});
