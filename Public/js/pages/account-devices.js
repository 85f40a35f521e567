// The account page's Devices section: the desktop agents allowed to sign in with their own key,
// each removable, and the form that adds one from the code it shows (after a fresh sign-in).
import { approveDevice, listDevices, removeDevice } from '../flowsta-auth.js';
import { busy, day, describe, showError } from './form.js';
import { proofFrom } from './second-factor.js';

const form = document.getElementById('device-form');
const status = () => document.getElementById('devices-status');
function deviceItem(device) {
  const item = document.createElement('li');
  item.dataset.deviceId = device.id;
  const text = document.createElement('span');
  text.textContent = `${device.name} · added ${day(device.created_at)} · ${device.last_used_at ? `last used ${day(device.last_used_at)}` : 'not used yet'}`;
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'secondary';
  remove.textContent = 'Remove';
  remove.setAttribute('aria-label', `Remove the device ${device.name}`);
  remove.addEventListener('click', async () => {
    try {
      await removeDevice(device.id);
      await showDevices('Removed: it can no longer sign in.');
    } catch (error) {
      status().textContent = describe(error)[0];
    }
  });
  item.append(text, remove);
  return item;
}

async function showDevices(done = '') {
  try {
    const { device_keys: devices } = await listDevices();
    document.getElementById('devices-list').replaceChildren(...devices.map(deviceItem));
    status().textContent = done || (devices.length ? '' : 'No device can sign in without your password.');
  } catch (error) {
    status().textContent = describe(error)[0];
  }
}

form?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const box = '#device-error';
  const userCode = form.device_code.value.trim();
  const password = form.device_password.value;
  if (!userCode) return showError(form, 'Type the code your device shows.', 'device_code', box);
  if (!password) return showError(form, 'Enter your password.', 'device_password', box);
  if (form.dataset.twoStep === 'yes' && !proofFrom(form.device_password_code?.value)) {
    return showError(form, 'Enter a code from your authenticator app, or a backup code.', 'device_password_code', box);
  }
  showError(form, '', null, box);
  try {
    const device = await busy(form, 'Adding…', () => approveDevice({
      username: form.dataset.username, password, userCode, secondFactor: async () => proofFrom(form.device_password_code?.value),
    }));
    form.reset();
    await showDevices(`Added ${device.name}: it can sign in now.`);
  } catch (error) {
    form.device_password.value = '';
    const [message] = error?.code === 'invalid_code' ? ['This code is not valid: check the code your device shows now.'] : describe(error);
    showError(form, message, 'device_code', box);
  }
});

if (document.getElementById('devices-section')) showDevices();
