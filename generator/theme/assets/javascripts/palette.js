// Material 9.8's partials/palette.html, from the settings generator/theme/partials/palette.html put
// in the form's data-options (an option a line: media|scheme|primary|accent|toggle name) and the
// toggles' icons, in order: the inputs, and a label with its icon for each option with a toggle.
(() => {
  const form = document.querySelector("form[data-md-component=palette][data-options]");
  if (!form) return;
  const icons = [...form.children];
  const options = form.dataset.options.split("\n").map((line) => line.split("|"));
  form.removeAttribute("data-options");
  form.replaceChildren();
  options.forEach(([media, scheme, primary, accent, name], index) => {
    const input = form.appendChild(document.createElement("input"));
    input.className = "md-option";
    input.dataset.mdColorMedia = media;
    input.dataset.mdColorScheme = scheme;
    input.dataset.mdColorPrimary = primary;
    input.dataset.mdColorAccent = accent;
    if (name) input.setAttribute("aria-label", name);
    else input.setAttribute("aria-hidden", "true");
    input.type = "radio";
    input.name = "__palette";
    input.id = `__palette_${index}`;
    if (!name) return;
    const label = form.appendChild(document.createElement("label"));
    label.className = "md-header__button md-icon";
    label.title = name;
    label.htmlFor = `__palette_${(index + 1) % options.length}`;
    label.hidden = true;
    label.append(icons.shift());
  });
})();
// Then Material 9.8's partials/javascripts/palette.html, verbatim: the reader's colour scheme, restored
// before the page is painted (generator/theme/partials/javascripts/palette.html loads it).
var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media='(prefers-color-scheme: light)']":"[data-md-color-media='(prefers-color-scheme: dark)']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}
