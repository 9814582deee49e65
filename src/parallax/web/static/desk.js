// Parallax desk: optional improvements; every page works without this file.
"use strict";

// Hovering a highlighted segment outlines every segment of the same finding, in every column.
document.addEventListener("mouseover", function (event) {
  document.querySelectorAll(".hl").forEach(function (el) { el.classList.remove("hl"); });
  var seg = event.target.closest && event.target.closest("[data-finding]");
  if (!seg) return;
  var selector = '[data-findings~="' + CSS.escape(seg.dataset.finding) + '"]';
  document.querySelectorAll(selector).forEach(function (el) { el.classList.add("hl"); });
});

// A job page polls the API instead of reloading the whole page every two seconds.
(function () {
  var box = document.querySelector(".job[data-job]");
  if (!box || ["queued", "running"].indexOf(box.dataset.status) < 0) return;
  var refresh = document.querySelector('meta[http-equiv="refresh"]');
  if (refresh) refresh.remove();
  function poll() {
    fetch("/api/jobs/" + encodeURIComponent(box.dataset.job), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        var message = box.querySelector(".message");
        if (message) message.textContent = job.message;
        if (job.status === "queued" || job.status === "running") setTimeout(poll, 700);
        else window.location.reload();
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 700);
})();
