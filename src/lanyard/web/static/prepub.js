// Photos before publishing: each chosen photo (or every photo of a chosen folder) is sent
// to POST /api/prepublish/check one at a time, with the progress shown; each result shows
// the faces found (numbered on a preview that carries no metadata), the verdict and its
// reasons, the students tagged (check again after tagging), and a download of the photo
// with the ticked faces blurred and no EXIF, XMP or GPS (POST /api/prepublish/clean).
// Photos stay in this browser and in memory on the server: nothing is stored.
(function () {
  "use strict";
  var form = document.getElementById("photo-form");
  if (!form) { return; }
  var token = form.querySelector("input[name=csrf_token]").value;
  var progress = document.getElementById("photo-progress");
  var list = document.getElementById("photo-results");
  var TYPES = { "image/jpeg": true, "image/png": true, "image/webp": true };

  function post(path, body) {
    return fetch("/api/prepublish/" + path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
      body: JSON.stringify(body)
    });
  }

  function base64(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(String(reader.result).split(",", 2)[1]); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsDataURL(file);
    });
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function tagsOf(input) {
    return input.value.replace(/,/g, " ").split(/\s+/).filter(Boolean);
  }

  function render(item, photo, result) {
    item.textContent = "";
    var title = el("h3", photo.name + ": " + result.verdict);
    item.appendChild(title);
    var frame = el("div", "", "photo-frame");
    var img = el("img");
    img.alt = "Preview of " + photo.name + " (metadata removed)";
    img.src = result.preview;
    frame.appendChild(img);
    img.addEventListener("load", function () {
      var scale = img.clientWidth / result.size[0];
      result.faces.forEach(function (face, i) {
        var box = el("span", String(i + 1), "photo-face");
        box.style.left = Math.round(face.x * scale) + "px";
        box.style.top = Math.round(face.y * scale) + "px";
        box.style.width = Math.round(face.width * scale) + "px";
        box.style.height = Math.round(face.height * scale) + "px";
        frame.appendChild(box);
      });
    });
    item.appendChild(frame);
    item.appendChild(el("p", result.faces.length + " faces found, " + result.tagged + " tagged."));
    if (result.destination) { item.appendChild(el("p", "Checked for " + result.destination.label + ".", "photo-destination")); }
    var reasons = el("ul");
    result.findings.forEach(function (f) {
      var li = el("li");
      li.appendChild(el("strong", f.verdict));
      // a reason that begins with its own verdict ("review: 3 people not tagged") is not prefixed twice
      var reason = f.reason.indexOf(f.verdict + ": ") === 0 ? f.reason.slice(f.verdict.length + 2) : f.reason;
      li.appendChild(document.createTextNode(": " + reason + (f.citation ? " (" + f.citation.clause + ")" : "")));
      reasons.appendChild(li);
    });
    item.appendChild(reasons);
    var id = "tags-" + photo.index;
    var label = el("label", "People tagged in " + photo.name + " (student numbers; staff usernames or staff ids)");
    label.htmlFor = id;
    var tags = el("input");
    tags.id = id;
    tags.value = photo.tags.join(" ");
    tags.autocomplete = "off";
    var again = el("button", "Check again", "button button-secondary");
    again.type = "button";
    again.addEventListener("click", function () {
      photo.tags = tagsOf(tags);
      check(photo, item).then(function () { progress.textContent = photo.name + " checked again."; });
    });
    item.appendChild(label);
    item.appendChild(tags);
    item.appendChild(again);
    var faces = el("fieldset");
    faces.appendChild(el("legend", "Faces to blur in the cleaned photo"));
    result.faces.forEach(function (face, i) {
      var box = el("input");
      box.type = "checkbox";
      box.value = String(i + 1);
      box.id = "blur-" + photo.index + "-" + (i + 1);
      var name = el("label", "Blur face " + (i + 1));
      name.htmlFor = box.id;
      faces.appendChild(box);
      faces.appendChild(name);
    });
    item.appendChild(faces);
    var download = el("button", "Download the cleaned photo", "button");
    download.type = "button";
    download.addEventListener("click", function () {
      var chosen = Array.prototype.map.call(faces.querySelectorAll("input:checked"), function (b) { return Number(b.value); });
      post("clean", { name: photo.name, data: photo.data, blur: chosen }).then(function (response) {
        if (!response.ok) { throw new Error("the photo could not be cleaned"); }
        return response.blob();
      }).then(function (blob) {
        var link = el("a");
        link.href = URL.createObjectURL(blob);
        link.download = "cleaned-" + photo.name;
        document.body.appendChild(link);
        link.click();
        link.remove();
        progress.textContent = "Downloaded cleaned-" + photo.name + " (" + chosen.length + " faces blurred, metadata removed).";
      }).catch(function (error) { progress.textContent = error.message; });
    });
    item.appendChild(download);
  }

  function check(photo, item) {
    var where = form.querySelector("#photo-to").value;
    var body = { logo_approved: form.querySelector("#photo-logo-approved").checked, photos: [{ name: photo.name, data: photo.data, tags: photo.tags, preview: true }] };
    if (where.indexOf("account:") === 0) { body.account = where.slice(8); } else { body.to = where; }
    return post("check", body).then(function (response) {
      return response.json().then(function (json) { return { ok: response.ok, json: json }; });
    }).then(function (answer) {
      if (!answer.ok) {
        item.textContent = "";
        item.appendChild(el("p", photo.name + ": " + answer.json.detail, "notice error"));
        return;
      }
      render(item, photo, Object.assign({ destination: answer.json.destination }, answer.json.photos[0]));
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var files = [];
    ["#photo-files", "#photo-folder"].forEach(function (selector) {
      var input = form.querySelector(selector);
      Array.prototype.forEach.call(input.files || [], function (f) { if (TYPES[f.type]) { files.push(f); } });
    });
    list.textContent = "";
    if (!files.length) { progress.textContent = "Choose photos (JPEG, PNG or WebP) or a folder of them."; return; }
    var done = 0;
    progress.textContent = "Checking " + files.length + " photos…";
    files.reduce(function (chain, file, index) {
      return chain.then(function () {
        var item = el("li", "", "photo-result");
        list.appendChild(item);
        return base64(file).then(function (data) {
          return check({ name: file.name, data: data, tags: [], index: index }, item);
        }).then(function () {
          done += 1;
          progress.textContent = "Checked " + done + " of " + files.length + " photos.";
        });
      });
    }, Promise.resolve());
  });
})();
