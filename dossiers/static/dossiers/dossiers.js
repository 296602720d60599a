/* Dossiers: show the print button only when JavaScript can run it (progressive enhancement). */
document.querySelectorAll("[data-dossier-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
