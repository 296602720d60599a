/* Autocomplete as progressive enhancement, for every search box that opts in: an
   <input list="…" data-suggest-url="…"> gets its <datalist> filled as you type. An input
   with a list is a combobox to assistive technology; the browser shows and announces the
   options. Without JavaScript the search works the same, just without suggestions. */
(function () {
  if (!window.fetch) return;
  document.querySelectorAll("input[data-suggest-url][list]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || input.dataset.suggestReady) return;
    input.dataset.suggestReady = "1";  // loaded twice on a page: listen once
    var timer = null, last = "", latest = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value;
        if (q.length < 2 || q === last) return;
        last = q;
        var ticket = ++latest;
        fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) {
            if (ticket !== latest) return;  // an answer for an earlier prefix came in late
            list.replaceChildren();
            data.suggestions.forEach(function (s) {
              var option = document.createElement("option");
              option.value = s;
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }, 150);
    });
  });
})();
