// Passkeys (WebAuthn) for forms marked data-passkey="create" or "get". The form stays hidden
// when the browser lacks WebAuthn's JSON helpers: every page works without this script.
(() => {
  "use strict";
  const pk = window.PublicKeyCredential;
  if (!pk || !pk.parseCreationOptionsFromJSON || !pk.parseRequestOptionsFromJSON) {
    return;
  }

  for (const form of document.querySelectorAll("form[data-passkey]")) {
    form.hidden = false;
    const status = form.querySelector("[data-passkey-status]");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      status.textContent = "Waiting for your passkey…";
      try {
        const token = form.querySelector("input[name=__RequestVerificationToken]").value;
        const response = await fetch(form.dataset.options, {
          method: "POST",
          credentials: "same-origin",
          headers: { RequestVerificationToken: token },
        });
        if (!response.ok) {
          throw new Error("The site did not answer (" + response.status + ").");
        }
        const options = await response.json();
        const credential = form.dataset.passkey === "create"
          ? await navigator.credentials.create({ publicKey: pk.parseCreationOptionsFromJSON(options) })
          : await navigator.credentials.get({ publicKey: pk.parseRequestOptionsFromJSON(options) });
        form.querySelector("input[name=CredentialJson]").value = JSON.stringify(credential);
        status.textContent = "";
        form.submit();
      } catch (error) {
        status.textContent = error && error.name === "NotAllowedError"
          ? "The passkey was cancelled or not allowed. Try again."
          : "The passkey did not work: " + (error && error.message ? error.message : error);
      }
    });
  }
})();
