// After htmx swaps in an answer, move focus to its heading so keyboard and screen-reader
// users land on the result (the panel is also an aria-live region).
document.addEventListener("htmx:afterSwap", function (event) {
  var heading = event.detail.target.querySelector("[data-focus]");
  if (heading) {
    heading.focus();
    heading.scrollIntoView({ block: "start" });
  }
});

// May I?: correcting what Lanyard understood asks again at once (the button stays for
// those without JavaScript).
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target && target.matches && target.matches("select[data-autosubmit]") && target.form) {
    target.form.requestSubmit();
  }
});

// May I?: after a question is asked, the answer comes first — focus and show it.
document.addEventListener("DOMContentLoaded", function () {
  var answer = document.getElementById("question-answer");
  var heading = answer && answer.querySelector("[data-focus]");
  if (heading) {
    heading.focus();
    heading.scrollIntoView({ block: "start" });
  }
});
