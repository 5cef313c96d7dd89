import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// The engine (lib/{inventory,policy,traffic,graph,draft}) must run in the CLI and the browser:
// it may not import Next, React, Prisma or the database layer.
const engineBoundary = {
  files: ['lib/{model,manifest,inventory,policy,traffic,graph,draft,findings}/**/*.{ts,tsx}'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['next', 'next/*'], message: 'The engine must not depend on Next.js.' },
          { group: ['react', 'react-dom', 'react/*'], message: 'The engine must not depend on React.' },
          { group: ['@prisma/*', 'prisma', 'pg'], message: 'The engine must not use the database.' },
          { group: ['@/lib/db', '@/lib/db/*', '**/db', '**/db/*'], message: 'The engine must not import lib/db.' },
        ],
      },
    ],
  },
};

const config = [
  { ignores: ['node_modules/**', '.next/**', '.next-*/**', 'lib/db/generated/**', '.eastwest/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  ...nextVitals,
  ...nextTs,
  engineBoundary,
];

export default config;
