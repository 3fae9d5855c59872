/** Where lessons and exercises live on the site, for follow-me targets, links and the join redirect. */
export function lessonPath(id: string): string {
  return `/lessons/${id}/`;
}

export function exercisePath(id: string): string {
  return `/challenges/${id}/`;
}
