/*
 * Save, submit or publish while an autosave is on its way: hold the submission until the
 * autosave has answered, then send it. The full save then goes to the page the autosave has
 * just created (a new page's form switches to its edit URL) and comes after the autosave's
 * revision, instead of racing it. Installed by editorial.wagtail_hooks (insert_editor_js).
 */
(() => {
  const WAIT_AT_MOST_MS = 15000;
  const pending = new WeakMap(); // form -> autosave in progress (save requested, no answer yet)

  const isAutosaveForm = (element) =>
    element instanceof HTMLFormElement &&
    (element.getAttribute('data-controller') || '').split(/\s+/).includes('w-autosave');

  const settle = (form) => {
    pending.set(form, false);
    form.dispatchEvent(new CustomEvent('editorial:autosave-settled'));
  };

  document.addEventListener('w-autosave:save', (event) => {
    const form = event.target;
    if (!isAutosaveForm(form)) return;
    pending.set(form, true);
    // A listener after this one may cancel the autosave, which then sends nothing.
    window.setTimeout(() => {
      if (event.defaultPrevented) settle(form);
    }, 0);
  });
  ['w-autosave:success', 'w-autosave:error', 'w-autosave:deactivated'].forEach((name) => {
    document.addEventListener(name, (event) => {
      if (isAutosaveForm(event.target)) settle(event.target);
    });
  });

  // No autosave may start once the editor's own submission is on its way: on a new page's
  // form it would post to the create URL again.
  const stopAutosave = (form) => form.setAttribute('data-w-autosave-active-value', 'false');

  document.addEventListener(
    'submit',
    (event) => {
      const form = event.target;
      if (!isAutosaveForm(form)) return;
      if (!pending.get(form)) {
        stopAutosave(form);
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      // The autosave of a new page redraws the form (its footer too): keep what the button
      // says, not the button.
      const name = event.submitter?.getAttribute('name');
      const value = event.submitter?.value ?? '';
      let sent = false;
      const send = () => {
        if (sent) return;
        sent = true;
        pending.set(form, false);
        if (name) {
          const field = document.createElement('input');
          field.type = 'hidden';
          field.name = name;
          field.value = value;
          form.appendChild(field);
        }
        form.requestSubmit();
      };
      form.addEventListener('editorial:autosave-settled', send, { once: true });
      window.setTimeout(send, WAIT_AT_MOST_MS);
    },
    true,
  );
})();
