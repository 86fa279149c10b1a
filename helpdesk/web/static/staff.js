/* Staff desk: queue counts that update without reloading, and inserting an article into a reply. */
(function () {
  "use strict";
  function refresh() {
    fetch("/staff/api/counts", { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (counts) {
        if (!counts) return;
        document.querySelectorAll("[data-count]").forEach(function (node) {
          var value = counts[node.getAttribute("data-count")];
          if (value !== undefined && String(value) !== node.textContent) node.textContent = value;
        });
      }).catch(function () {});
  }
  if (document.querySelector("[data-count]")) setInterval(refresh, 15000);
  document.querySelectorAll("select[data-target]").forEach(function (select) {
    select.addEventListener("change", function () {
      var target = document.getElementById(select.getAttribute("data-target"));
      if (select.value && target) { target.value = (target.value ? target.value + "\n\n" : "") + select.value; target.focus(); }
      select.value = "";
    });
  });
})();
