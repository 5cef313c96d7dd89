'use client';

import hljs from 'highlight.js/lib/core';
import yamlLanguage from 'highlight.js/lib/languages/yaml';
import 'highlight.js/styles/github.css';
import { useMemo } from 'react';

// Only the YAML grammar is registered: the core plus one language keeps the bundle small.
hljs.registerLanguage('yaml', yamlLanguage);

/** Multi-document YAML with syntax highlighting (highlight.js escapes the text it returns). */
export function YamlView({ yaml, label }: { yaml: string; label: string }) {
  const html = useMemo(() => hljs.highlight(yaml, { language: 'yaml', ignoreIllegals: true }).value, [yaml]);
  return (
    <pre aria-label={label} data-testid="draft-yaml" className="max-h-[36rem] overflow-auto rounded-md border border-slate-200 bg-slate-50 p-4 text-slate-800 font-mono text-xs leading-relaxed">
      <code className="language-yaml" dangerouslySetInnerHTML={{ __html: html }} />
    </pre>
  );
}
