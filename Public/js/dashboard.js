// Flowsta dashboard: the only script the dashboard needs — copy buttons for one-time secrets and
// client ids. Everything else works without JavaScript.
const status = document.getElementById("copy-status");

for (const button of document.querySelectorAll("button.copy[data-copy]")) {
  button.addEventListener("click", async () => {
    const source = document.getElementById(button.dataset.copy);
    if (!source) return;
    try {
      await navigator.clipboard.writeText(source.textContent.trim());
      button.textContent = "Copied";
      if (status) status.textContent = "Copied to the clipboard.";
    } catch {
      // No clipboard permission: select the text so the user can copy it by hand.
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      if (status) status.textContent = "Press Ctrl+C (or Cmd+C) to copy the selected text.";
    }
  });
}
