/** Shows the workshop bar now (after joining on this page), as the layout's inline check does at load. */
export function showOverlay(): void {
  const template = document.getElementById('mc-workshop-overlay');
  if (!(template instanceof HTMLTemplateElement)) return;
  document.body.append(template.content.cloneNode(true));
  template.remove();
}
