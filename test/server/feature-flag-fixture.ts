/** A stored feature-flag document that passes every rule; tests break one rule at a time. */

// Tests mutate it freely, so any-typed.
export type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function goodDoc(): Doc {
  return {
    version: '1',
    flags: {
      checkoutV2: {
        name: 'Checkout v2',
        description: 'New checkout',
        _createdAt: '2024-01-01T00:00:00Z',
        _deprecation: { status: 'planned', date: '2030-01-01' },
        attributes: {
          maxItems: { constraints: { type: 'number', minimum: 1, maximum: 100, required: true } },
          color: { constraints: { type: 'string', pattern: '^[a-z]+$' } },
          tier: { constraints: { type: 'string', enum: ['gold', 'silver', 3] } },
          users: { constraints: { type: 'array', elements: { type: 'string', pattern: '^u' } } },
          scores: { constraints: { type: 'array', elements: { type: 'number', maximum: 10 } } },
          express: { constraints: { type: 'boolean', required: false } },
        },
      },
      darkMode: { name: 'Dark mode' },
    },
    values: {
      checkoutV2: {
        enabled: true,
        _updatedAt: '2024-01-02T00:00:00Z',
        maxItems: 25,
        color: 'blue',
        tier: '3',
        users: ['u1', 'u2'],
        scores: [1, 9.5],
        express: false,
        empty: [],
      },
      darkMode: { enabled: false, shade: 'black' },
    },
  };
}
