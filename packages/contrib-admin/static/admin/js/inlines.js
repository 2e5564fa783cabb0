// Inlines: an "Add another …" link that copies the hidden empty form (its `__prefix__` names
// numbered from TOTAL_FORMS), and a "Remove" link on the forms it added. Without JavaScript the
// `extra` blank forms the server renders are there to fill in.

{
  const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  // Renumbers `prefix-N` / `prefix-__prefix__` in the id, name and for attributes of el and its
  // descendants, and in the attributes the relation widgets use to find their input.
  const renumber = (el, prefix, index) => {
    const pattern = new RegExp(`(${escapeRegExp(prefix)}-(\\d+|__prefix__))(?=-|$)`);
    const replacement = `${prefix}-${index}`;
    for (const node of [el, ...el.querySelectorAll('*')]) {
      for (const attr of ['id', 'name', 'for', 'data-popup-target', 'data-for']) {
        const value = node.getAttribute(attr);
        if (value) node.setAttribute(attr, value.replace(pattern, replacement));
      }
    }
  };

  for (const group of document.querySelectorAll('.js-inline-admin-formset')) {
    let options;
    try {
      options = JSON.parse(group.dataset.inlineFormset || '{}');
    } catch {
      continue;
    }
    const { prefix, addText, deleteText } = options;
    const template = document.getElementById(`${prefix}-empty`);
    const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    const max = document.getElementById(`id_${prefix}-MAX_NUM_FORMS`);
    if (!template || !total) continue;
    const tabular = group.dataset.inlineType === 'tabular';
    const dynamicClass = `dynamic-${prefix}`;

    const addRow = document.createElement(tabular ? 'tr' : 'div');
    addRow.className = 'add-row';
    const addLink = document.createElement('a');
    addLink.href = '#';
    addLink.className = 'addlink';
    addLink.setAttribute('role', 'button');
    addLink.textContent = addText;
    if (tabular) {
      const cell = document.createElement('td');
      cell.colSpan = template.children.length;
      cell.append(addLink);
      addRow.append(cell);
    } else {
      addRow.append(addLink);
    }
    template.after(addRow);

    const count = () => Number(total.value || 0);
    const refresh = () => {
      const limit = max && max.value !== '' ? Number(max.value) : Number.POSITIVE_INFINITY;
      addRow.hidden = count() >= limit;
    };
    // After a removal the added forms are numbered again from the last server-rendered one.
    const reindex = () => {
      const rows = group.querySelectorAll(`.${dynamicClass}`);
      const first = count() - rows.length;
      rows.forEach((row, offset) => {
        renumber(row, prefix, first + offset);
        row.id = `${prefix}-${first + offset}`;
        const label = row.querySelector('.inline_label');
        if (label) label.textContent = `#${first + offset + 1}`;
      });
    };

    addLink.addEventListener('click', (event) => {
      event.preventDefault();
      const index = count();
      const row = template.cloneNode(true);
      row.classList.remove('empty-form', 'last-related');
      row.classList.add(dynamicClass);
      renumber(row, prefix, index);
      row.id = `${prefix}-${index}`;
      const label = row.querySelector('.inline_label');
      if (label) label.textContent = `#${index + 1}`;
      const remove = document.createElement('a');
      remove.href = '#';
      remove.className = 'inline-deletelink';
      remove.setAttribute('role', 'button');
      remove.textContent = deleteText;
      remove.addEventListener('click', (removeEvent) => {
        removeEvent.preventDefault();
        row.remove();
        total.value = String(count() - 1);
        reindex();
        refresh();
        document.dispatchEvent(new CustomEvent('formset:removed', { detail: { formsetName: prefix } }));
      });
      if (tabular) (row.querySelector('td.delete') ?? row.lastElementChild).append(remove);
      else row.querySelector('h3')?.append(' ', remove);
      template.before(row);
      total.value = String(index + 1);
      refresh();
      // Django 4.1+'s event: the relation widgets (and a project's scripts) set up the new form.
      row.dispatchEvent(new CustomEvent('formset:added', { bubbles: true, detail: { formsetName: prefix } }));
      row.querySelector('input:not([type=hidden]), select, textarea')?.focus();
    });
    refresh();
  }
}
