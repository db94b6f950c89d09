// troth: small helpers on top of htmx. The pages work without JavaScript.
document.addEventListener("htmx:afterSwap", function (event) {
  // After a form comes back with errors, move focus to the first field that needs care.
  var bad = event.detail.target.querySelector('[aria-invalid="true"]');
  if (bad) { bad.focus(); return; }
  var alert = event.detail.target.querySelector('[role="alert"]');
  if (alert) { alert.setAttribute("tabindex", "-1"); alert.focus(); }
});
// Secondary panels (<details data-open-wide>) start open on a wide screen; on a phone they
// stay folded below what needs the person now.
if (window.matchMedia && window.matchMedia("(min-width: 40rem)").matches) {
  document.querySelectorAll("details[data-open-wide]").forEach(function (d) { d.open = true; });
}
