// Progressive enhancement of the access-key page: a button copying the secret to the clipboard. Without
// JavaScript the button stays hidden and the secret is selected and copied by hand.
for (const button of document.querySelectorAll('button[data-copy]')) {
  const source = document.getElementById(button.dataset.copy);
  const status = document.getElementById('copy-status');
  if (!source || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(source.value);
      status.textContent = 'Copied.';
    } catch {
      source.select();
      status.textContent = 'Could not copy: the secret is selected, copy it by hand.';
    }
  });
}
