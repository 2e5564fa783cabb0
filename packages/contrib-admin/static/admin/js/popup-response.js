// The page a popup shows once its add or change form is saved: it sends the object (read from the
// JSON in its script tag's data attribute) to the window that opened it, which closes the popup.
{
  const script = document.getElementById('manouche-admin-popup-response-constants');
  const data = JSON.parse(script?.dataset.popupResponse || '{}');
  if (window.opener && !window.opener.closed) {
    window.opener.postMessage({ ...data, type: 'manouche:admin-related', target: window.name }, location.origin);
  } else {
    window.close();
  }
}
