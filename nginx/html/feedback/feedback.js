// The feedback form: checks what the server checks (rating 1-5, 1 to 2,000 characters, contact up
// to 200), posts to /lobby/api/feedback (with the player's token when there is one) and thanks.

import { sendFeedback } from '/sdk/index.js';

const $ = (id) => document.getElementById(id);
const MAX_MESSAGE = 2000;
const MAX_CONTACT = 200;
const length = (text) => [...text].length; // code points, like the server

function problem(id, text) {
  $(id).hidden = !text;
  $(id).textContent = text || '';
  return text ? 1 : 0;
}

function validate() {
  const rating = document.querySelector('input[name=rating]:checked');
  const message = $('message').value.trim();
  const contact = $('contact').value.trim();
  let bad = 0;
  bad += problem('rating-error', rating ? '' : 'Please pick a rating from 1 to 5.');
  bad += problem('message-error', !message ? 'Please write a few words.'
    : length(message) > MAX_MESSAGE ? `Please keep it under ${MAX_MESSAGE} characters.` : '');
  bad += problem('contact-error', length(contact) > MAX_CONTACT ? `The contact can be at most ${MAX_CONTACT} characters.` : '');
  return bad ? null : { rating: Number(rating.value), message, ...(contact ? { contact } : {}) };
}

async function submit(event) {
  event.preventDefault();
  problem('form-error', '');
  const post = validate();
  if (!post) return;
  $('send').disabled = true;
  try {
    await sendFeedback(post);
    $('feedback').hidden = true;
    $('thanks').hidden = false;
  } catch (e) {
    const retry = e.body?.message;
    problem('form-error', e.status === 429 ? `You sent a lot of feedback already: ${retry || 'try again in a minute'}.`
      : e.status === 400 ? e.message
      : e.status === 0 || e.status >= 500 ? 'The server is unavailable right now; your text is still here, try again shortly.'
      : e.message);
  } finally {
    $('send').disabled = false;
  }
}

$('message').addEventListener('input', () => { $('count').textContent = length($('message').value); });
$('feedback').addEventListener('submit', submit);
$('more').addEventListener('click', () => {
  $('feedback').reset();
  $('count').textContent = '0';
  $('feedback').hidden = false;
  $('thanks').hidden = true;
});
