/* Preview of a lesson's Markdown body in the admin: the server renders and sanitizes. */
(function () {
  "use strict";
  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-markdown-preview-button]");
    if (!button) return;
    var box = button.closest("[data-markdown-preview]");
    var source = document.getElementById(box.dataset.source);
    var output = box.querySelector("[data-markdown-preview-output]");
    var body = new FormData();
    body.append("body", source ? source.value : "");
    fetch(box.dataset.url, {
      method: "POST",
      body: body,
      headers: { "X-CSRFToken": csrfToken() },
      credentials: "same-origin",
    })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        output.innerHTML = html; // already sanitized by kennisbank.markdown.render
        output.hidden = false;
      });
  });
})();
