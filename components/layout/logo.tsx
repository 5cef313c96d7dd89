/** The Eastwest mark: two workloads and the traffic between them. */
export function Logo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className}>
      <rect width="32" height="32" rx="8" className="fill-brand-500" />
      <circle cx="9" cy="16" r="4" className="fill-white" />
      <circle cx="23" cy="16" r="4" className="fill-white" />
      <path d="M13.5 13.5h5M16.5 11.5l2 2-2 2M18.5 18.5h-5M15.5 16.5l-2 2 2 2" className="stroke-white" strokeWidth="1.6" fill="none" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
