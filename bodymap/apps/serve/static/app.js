// bodymap clinic app: the little the pages need beyond HTML (copying the intake link).
(() => {
  "use strict";
  for (const button of document.querySelectorAll("button.copy[data-copy]")) {
    button.addEventListener("click", () => {
      const text = button.getAttribute("data-copy") || "";
      if (navigator.clipboard) {
        navigator.clipboard.writeText(text).then(() => button.classList.add("copied"));
      }
    });
  }
})();
