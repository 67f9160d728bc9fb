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

  // Show the register number and the date of registration only for registered associations.
  const legalForm = document.querySelectorAll("input[name='legal_form']");
  const number = document.getElementById("id_register_number");
  if (legalForm.length && number) {
    const groups = ["id_register_number", "id_registered_on"]
      .map((id) => document.getElementById(id))
      .filter(Boolean)
      .map((field) => field.closest(".field"));
    const update = () => {
      const chosen = document.querySelector("input[name='legal_form']:checked");
      groups.forEach((group) => {
        group.hidden = chosen && chosen.value === "informal";
      });
    };
    legalForm.forEach((input) => input.addEventListener("change", update));
    update();
  }

  // A long list of checkboxes gets a box that narrows it as people type. Latvian letters
  // match their plain forms, so "kengar" finds "Ķengarags". Checked choices stay shown.
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  document.querySelectorAll("[data-choice-filter]").forEach((list) => {
    const choices = list.querySelectorAll(".choice");
    if (choices.length < 12) return;
    const input = document.createElement("input");
    input.type = "search";
    input.id = `${list.id || "choices"}-filter`;
    input.autocomplete = "off";
    input.setAttribute("aria-controls", list.id);
    const label = document.createElement("label");
    label.htmlFor = input.id;
    label.textContent = list.dataset.choiceFilter;
    const wrapper = document.createElement("div");
    wrapper.className = "choice-filter";
    wrapper.append(label, input);
    list.before(wrapper);
    input.addEventListener("input", () => {
      const wanted = fold(input.value.trim());
      choices.forEach((choice) => {
        const checked = choice.querySelector("input:checked");
        choice.hidden = Boolean(wanted) && !checked && !fold(choice.textContent).includes(wanted);
      });
      list.querySelectorAll(".choice-group").forEach((group) => {
        group.hidden = !group.querySelector(".choice:not([hidden])");
      });
    });
  });
});
