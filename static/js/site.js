// Copy buttons (permalinks and citations). Without JavaScript they stay hidden: the permalink itself and
// the citation text remain on the page to select by hand.
(function () {
  "use strict";

  function fallbackCopy(text) {
    // navigator.clipboard exists only on secure origins; a hidden textarea works everywhere else.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    document.body.removeChild(area);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  function announce(button, message) {
    var original = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", original);
    button.textContent = message;
    button.classList.add("copied");
    window.setTimeout(function () {
      button.textContent = original;
      button.classList.remove("copied");
    }, 2000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    // The search filters sit in a disclosure: open beside the results on a wide screen, closed above them on a
    // phone (search.css shows them on wide screens even before this runs).
    if (window.matchMedia("(min-width: 50.01rem)").matches) {
      document.querySelectorAll("details.facets-disclosure").forEach(function (details) { details.open = true; });
    }

    var live = document.createElement("div");
    live.className = "visually-hidden";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    document.body.appendChild(live);

    document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var done = button.getAttribute("data-done") || "✓";
        copy(button.getAttribute("data-copy")).then(function () {
          announce(button, done);
          live.textContent = done;
        }, function () {
          live.textContent = button.getAttribute("data-copy");
        });
      });
    });
  });
})();
