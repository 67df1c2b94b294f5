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

// Tabs that are links (the message review's statuses): the current tab is the one the Tab
// key reaches, and the arrow keys, Home and End move between the tabs, as in a tab list;
// Enter opens one. Without JavaScript every tab is a plain link in the Tab order.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[role=tablist]").forEach(function (list) {
    var tabs = Array.prototype.slice.call(list.querySelectorAll("[role=tab]"));
    if (!tabs.length) { return; }
    var current = tabs.filter(function (t) { return t.getAttribute("aria-selected") === "true"; })[0] || tabs[0];
    tabs.forEach(function (t) { t.setAttribute("tabindex", t === current ? "0" : "-1"); });
    list.addEventListener("keydown", function (event) {
      var at = tabs.indexOf(document.activeElement);
      if (at < 0) { return; }
      var next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) { return; }
      event.preventDefault();
      tabs[(next + tabs.length) % tabs.length].focus();
    });
  });
});
