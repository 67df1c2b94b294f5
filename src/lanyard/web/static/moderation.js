// The moderation queue from the keyboard, as in Gmail: j / ArrowDown next, k / ArrowUp
// previous; y keep, h hide, d delete, e escalate, a assign to me, x select for a bulk
// action, ? the key list.
// Without JavaScript the same page works with its buttons and the bulk form.
(function () {
  "use strict";
  var form = document.getElementById("mod-form");
  var list = document.getElementById("mod-list");
  var status = document.getElementById("mod-status");
  if (!form || !list) { return; }
  var api = form.getAttribute("data-api");
  var token = form.querySelector("input[name=csrf_token]").value;
  var OPEN = { "new": true, "escalated": true };
  var KEYS = { y: "keep", h: "hide", d: "delete", e: "escalate" };
  var assignApi = "/api/moderation/assignments";
  var busy = false;
  var current = null;

  function rows() { return Array.prototype.slice.call(list.querySelectorAll(".mod-row")); }

  function say(text, isError) {
    status.textContent = "";
    var p = document.createElement("p");
    p.className = isError ? "notice error" : "notice success";
    p.textContent = text;
    status.appendChild(p);
  }

  // A delete waits a few seconds before the platform is called, and a hide or delete on an
  // account Lanyard is not connected to changes only Lanyard: offer Undo for that long.
  function offerUndo(undo) {
    if (!undo.length) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-secondary mod-undo";
    button.textContent = "Undo";
    status.firstChild.appendChild(document.createTextNode(" "));
    status.firstChild.appendChild(button);
    var gone = window.setTimeout(function () { button.remove(); }, undo[0].seconds * 1000);
    button.addEventListener("click", function () {
      window.clearTimeout(gone);
      button.disabled = true;
      fetch("/api/moderation/undo", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": token },
        body: JSON.stringify({
          action_ids: undo.filter(function (u) { return u.action_id; }).map(function (u) { return u.action_id; }),
          comment_ids: undo.filter(function (u) { return u.comment_id; }).map(function (u) { return u.comment_id; })
        })
      }).then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      }).then(function (answer) {
        if (!answer.ok) { say(answer.body.detail || "Too late to undo.", true); return; }
        window.location.reload();  // the restored comment is back in the queue
      }).catch(function () { say("Lanyard could not be reached; the delete goes ahead.", true); });
    });
  }

  function setCurrent(row, focus) {
    if (current) { current.classList.remove("is-current"); current.removeAttribute("aria-current"); }
    current = row || null;
    if (!current) { return; }
    current.classList.add("is-current");
    current.setAttribute("aria-current", "true");
    if (focus !== false) {
      current.focus({ preventScroll: true });
      current.scrollIntoView({ block: "nearest" });
    }
  }

  function move(step) {
    var all = rows();
    if (!all.length) { return; }
    var at = current ? all.indexOf(current) : -1;
    var next = Math.min(Math.max(at + step, 0), all.length - 1);
    setCurrent(all[next]);
  }

  function selected() {
    return rows().filter(function (r) { return r.querySelector(".mod-select").checked; });
  }

  function updateCount() {
    var n = rows().length;
    var count = document.getElementById("mod-count");
    if (count) { count.textContent = n + " waiting"; }
    if (!n) {
      form.hidden = true;
      var empty = document.getElementById("mod-empty");
      if (empty) {
        empty.hidden = false;
        empty.setAttribute("tabindex", "-1");
        empty.focus();
      }
    }
  }

  // The "Comments waiting, by account" line, from the counts a decision or an assignment
  // answers with (an account no longer listed there has nothing waiting).
  function updateAccounts(counts) {
    if (!counts) { return; }
    var by = {};
    counts.forEach(function (c) { by[c.account_id] = c; });
    document.querySelectorAll(".mod-counts [data-account]").forEach(function (item) {
      var c = by[item.getAttribute("data-account")] || { waiting: 0, escalated: 0, assigned_to_me: 0 };
      var figures = item.querySelector(".mod-figures");
      if (!figures) { return; }
      figures.textContent = "";
      function strong(n) {
        var s = document.createElement("strong");
        s.textContent = String(n);
        return s;
      }
      figures.append(strong(c.waiting), " waiting");
      if (c.escalated) { figures.append(", ", strong(c.escalated), " escalated"); }
      if (c.assigned_to_me) { figures.append(", " + c.assigned_to_me + " assigned to you"); }
    });
  }

  function markEscalated(row) {
    row.classList.add("is-escalated");
    row.setAttribute("data-state", "escalated");
    if (!row.querySelector(".mod-state")) {
      var tag = document.createElement("span");
      tag.className = "tag tag-warn mod-state";
      tag.textContent = "Escalated";
      row.querySelector(".mod-sev").after(tag);
    }
    var button = row.querySelector("button[data-action=escalate]");
    if (button) { button.remove(); }
  }

  function act(action, targets) {
    if (busy || !targets.length) { return; }
    busy = true;
    var ids = targets.map(function (r) { return r.getAttribute("data-id"); });
    var all = rows();
    var after = all.indexOf(targets[targets.length - 1]);
    fetch(api, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": token },
      body: JSON.stringify({ action: action, comment_ids: ids })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (answer) {
      busy = false;
      if (!answer.ok) {
        say(answer.body.detail || "That did not work; nothing was changed.", true);
        return;
      }
      var gone = {};
      answer.body.comments.forEach(function (c) {
        var row = document.getElementById("c-" + c.id);
        if (!row) { return; }
        row.querySelector(".mod-select").checked = false;
        if (OPEN[c.state]) { markEscalated(row); } else { gone[c.id] = true; }
      });
      // the next comment after the last one acted on, else the one before it
      var rest = all.filter(function (r) { return !gone[r.getAttribute("data-id")]; });
      var candidates = all.slice(after + 1).filter(function (r) { return !gone[r.getAttribute("data-id")]; });
      var next = action === "escalate" ? (candidates[0] || targets[targets.length - 1]) : (candidates[0] || rest[rest.length - 1]);
      Object.keys(gone).forEach(function (id) {
        var row = document.getElementById("c-" + id);
        if (row) { row.remove(); }
      });
      say(answer.body.message);
      offerUndo(answer.body.undo || []);
      updateCount();
      updateAccounts(answer.body.counts);
      if (rows().length) { setCurrent(next); }
    }).catch(function () {
      busy = false;
      say("Lanyard could not be reached; nothing was changed. Try again.", true);
    });
  }

  function assign(who, targets) {
    if (busy || !targets.length) { return; }
    busy = true;
    var ids = targets.map(function (r) { return r.getAttribute("data-id"); });
    fetch(assignApi, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": token },
      body: JSON.stringify({ assignee: who, comment_ids: ids })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (answer) {
      busy = false;
      if (!answer.ok) {
        say(answer.body.detail || "That did not work; nothing was changed.", true);
        return;
      }
      var label = answer.body.assignee === null ? "" :
        (who === "me" ? "Assigned to you" : "Assigned to " + answer.body.assignee_name);
      targets.forEach(function (row) {
        row.querySelector(".mod-select").checked = false;
        var tag = row.querySelector(".mod-assigned");
        if (tag) { tag.textContent = label; tag.hidden = !label; }
        var button = row.querySelector("button[data-assign]");
        if (button && who === "me") { button.remove(); }
      });
      say(answer.body.message);
      updateAccounts(answer.body.counts);
    }).catch(function () {
      busy = false;
      say("Lanyard could not be reached; nothing was changed. Try again.", true);
    });
  }

  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (!submitter) { return; }
    event.preventDefault();
    if (submitter.hasAttribute("data-assign")) {
      var one = submitter.closest(".mod-row");
      setCurrent(one, false);
      assign("me", [one]);
      return;
    }
    if (submitter.hasAttribute("data-assign-bulk")) {
      var some = selected();
      if (!some.length) { say("Select comments first (x, or the check boxes).", true); return; }
      var who = form.querySelector("#bulk-assignee").value;
      assign(who === "" ? null : who, some);
      return;
    }
    var action = submitter.getAttribute("data-action");
    if (action) {
      var row = submitter.closest(".mod-row");
      setCurrent(row, false);
      act(action, [row]);
      return;
    }
    var bulk = selected();
    if (!bulk.length) { say("Select comments first (x, or the check boxes).", true); return; }
    act(form.querySelector("#bulk-action").value, bulk);
  });

  list.addEventListener("click", function (event) {
    var row = event.target.closest(".mod-row");
    if (row && row !== current) { setCurrent(row, false); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var t = event.target;
    var tag = t && t.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || (tag === "INPUT" && t.type !== "checkbox") || (t && t.isContentEditable)) { return; }
    var key = event.key;
    if (key === "j" || key === "ArrowDown") { event.preventDefault(); move(1); return; }
    if (key === "k" || key === "ArrowUp") { event.preventDefault(); move(-1); return; }
    if (key === "?") {
      var keys = document.getElementById("mod-keys");
      if (keys) { keys.open = !keys.open; }
      return;
    }
    if (!current) { return; }
    if (key === "x") {
      event.preventDefault();
      var box = current.querySelector(".mod-select");
      box.checked = !box.checked;
      var n = selected().length;
      say(n + " selected. The action keys now apply to every selected comment.");
      return;
    }
    if (key === "a") {
      event.preventDefault();
      var mine = selected();
      assign("me", mine.length ? mine : [current]);
      return;
    }
    if (KEYS[key]) {
      event.preventDefault();
      var chosen = selected();
      act(KEYS[key], chosen.length ? chosen : [current]);
    }
  });

  // a link from a notification (?comment=<id>) opens on that comment
  var wanted = new URLSearchParams(window.location.search).get("comment");
  var first = (wanted && document.getElementById("c-" + wanted)) || rows()[0];
  if (first) { setCurrent(first); }
})();
