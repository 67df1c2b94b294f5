// After htmx swaps in an answer, move focus to its heading so keyboard and screen-reader
// users land on the result (the panel is also an aria-live region).
document.addEventListener("htmx:afterSwap", function (event) {
  var heading = event.detail.target.querySelector("[data-focus]");
  if (heading) {
    heading.focus();
    heading.scrollIntoView({ block: "start" });
  }
});
