/** Parley's mark: two actors and the relation between them. */
export function BrandMark() {
  return (
    <svg className="brand-mark" width="26" height="26" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#0f172a" />
      <path d="M12.5 13.5 19.5 18.5" stroke="#e2e8f0" strokeWidth="2" strokeLinecap="round" />
      <circle cx="10" cy="11" r="4" fill="#60a5fa" />
      <circle cx="22" cy="21" r="4" fill="#f87171" />
    </svg>
  );
}
