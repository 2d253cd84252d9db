// The print button (an external file: the Content-Security-Policy forbids inline scripts).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
