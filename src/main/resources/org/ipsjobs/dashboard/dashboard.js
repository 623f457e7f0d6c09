// The dashboard's only script: keeps the live block current from server-sent events, shows times in
// the viewer's zone, asks before destructive actions, and reads a seed file into its form.
(function () {
  "use strict";

  function localTimes(root) {
    root.querySelectorAll("time.local").forEach(function (t) {
      var d = new Date(t.getAttribute("datetime"));
      if (!isNaN(d.getTime())) {
        t.textContent = d.toLocaleString() + " (" + Intl.DateTimeFormat().resolvedOptions().timeZone + ")";
      }
    });
  }

  function live(block) {
    var query = block.getAttribute("data-query");
    var url = "/dashboard/live?view=" + encodeURIComponent(block.getAttribute("data-view")) + (query ? "&" + query : "")
        + "&since=" + encodeURIComponent(block.getAttribute("data-shown"));
    var source = new EventSource(url);
    source.addEventListener("update", function (e) {
      // keep open the request details the viewer opened
      var opened = Array.prototype.map.call(block.querySelectorAll("li[data-id] > details[open]"), function (d) {
        return d.parentNode.getAttribute("data-id");
      });
      block.innerHTML = e.data;
      opened.forEach(function (id) {
        var li = block.querySelector('li[data-id="' + id + '"] > details');
        if (li) { li.open = true; }
      });
      localTimes(block);
      block.setAttribute("data-updated", String(Date.now()));
    });
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      e.preventDefault();
    }
  });

  document.addEventListener("change", function (e) {
    var input = e.target;
    if (input.type === "file" && input.name === "file" && input.files.length) {
      var text = input.form.querySelector("textarea[name=text]");
      input.files[0].text().then(function (content) { text.value = content; });
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    localTimes(document);
    var block = document.getElementById("live");
    if (block && window.EventSource) {
      live(block);
    }
  });
})();
