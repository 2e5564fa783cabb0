// The change list's "select all" checkbox and row highlighting; the page works without it.

{
  const toggle = document.getElementById('action-toggle');
  const boxes = () => Array.from(document.querySelectorAll('input.action-select'));
  const paint = () => {
    for (const box of boxes()) box.closest('tr')?.classList.toggle('selected', box.checked);
    const counter = document.querySelector('.action-counter');
    if (counter) counter.textContent = `${boxes().filter((box) => box.checked).length} of ${boxes().length} selected`;
  };
  toggle?.addEventListener('change', () => {
    for (const box of boxes()) box.checked = toggle.checked;
    paint();
  });
  document.getElementById('result_list')?.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.classList.contains('action-select')) paint();
  });
}
