/** A note's tags as small labels; nothing when it has none. */
export function Tags({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null;
  return (
    <p class="tags">
      {tags.map((t) => (
        <span class="tag" key={t}>
          {t}
        </span>
      ))}
    </p>
  );
}
