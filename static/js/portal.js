// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to an error summary so screen readers announce it at once.
  const summary = document.querySelector("[data-autofocus]");
  if (summary) summary.focus();

  // Ask before destructive actions: <form data-confirm="Question?">.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });

  // Show the register number only for registered associations.
  const legalForm = document.querySelectorAll("input[name='legal_form']");
  const number = document.getElementById("id_register_number");
  if (legalForm.length && number) {
    const group = number.closest(".field");
    const update = () => {
      const chosen = document.querySelector("input[name='legal_form']:checked");
      group.hidden = chosen && chosen.value === "informal";
    };
    legalForm.forEach((input) => input.addEventListener("change", update));
    update();
  }
});
