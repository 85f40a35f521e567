// The account page: signing out also deletes the analytics root this browser kept since
// sign-in (analytics.js), so nothing of the user's stays here.
import { forgetAnalyticsRoot } from '../analytics.js';

const form = document.getElementById('signout-form');
let signingOut = false;
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (signingOut) return;
  signingOut = true;
  await forgetAnalyticsRoot();
  form.submit();
});
