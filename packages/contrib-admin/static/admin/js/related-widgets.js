// The admin's relation widgets; each works without this script as a plain input or select.
// - rawIdFields: the lookup link opens the related change list in a popup; clicking a row there
//   sends its id back (postMessage, same origin only) into the input.
// - autocompleteFields: the select becomes a combobox searching admin/autocomplete/.
// - filterHorizontal/filterVertical: the multiple select becomes "available" and "chosen" boxes.
// - the "+", pencil and × links beside a relation open the related add/change/delete page in a
//   popup; once saved or deleted, the popup sends the object back (popup-response.js) and its
//   option is added, renamed or removed, here and in every other select of the page for that model.

{
  const LOOKUP_MESSAGE = 'manouche:admin-lookup';
  const RELATED_MESSAGE = 'manouche:admin-related';

  // ---- add, change, delete and view links (Django's RelatedFieldWidgetWrapper) ---------------

  // The popup is named after the select it fills: `add_id_writer` fills `id_writer`.
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a.related-widget-wrapper-link[data-popup="yes"]') : null;
    if (!link?.href) return;
    event.preventDefault();
    const popup = window.open(link.href, link.id.replace(/^(add|change|delete)_/, ''), 'height=768,width=1024,resizable=yes,scrollbars=yes');
    popup?.focus();
  });

  // The pencil, × and eye follow the chosen object (none chosen: no link).
  const updateChosenLinks = (select) => {
    const value = select.multiple ? '' : select.value;
    for (const kind of ['change', 'delete', 'view']) {
      const link = document.getElementById(`${kind}_${select.id}`);
      if (!link?.dataset.hrefTemplate) continue;
      if (value) {
        link.href = link.dataset.hrefTemplate.replace('__fk__', encodeURIComponent(value));
        link.hidden = false;
      } else {
        link.removeAttribute('href');
        link.hidden = true;
      }
    }
  };
  document.addEventListener('change', (event) => {
    if (event.target instanceof HTMLSelectElement && event.target.closest('.related-widget-wrapper')) updateChosenLinks(event.target);
  });

  // The selects of the page offering objects of `model` (Django's updateRelatedSelectsOptions):
  // each relation's select, or the "available" box of a two-box one, but not those of `select`.
  const otherSources = (model, select) => {
    const own = [select, document.getElementById(`${select.id}_from`)];
    const sources = document.querySelectorAll(`[data-model-ref="${CSS.escape(model)}"] select[data-context="available-source"]`);
    return Array.from(sources).filter((source) => !own.includes(source));
  };
  const optionsValued = (box, value) => Array.from(box.options).filter((option) => option.value === value);

  // In the opener: an object added (selected here, offered elsewhere), changed (renamed) or deleted (removed) in a popup.
  window.addEventListener('message', (event) => {
    if (event.origin !== location.origin || !event.data || event.data.type !== RELATED_MESSAGE) return;
    const select = document.getElementById(String(event.data.target));
    if (!(select instanceof HTMLSelectElement)) return;
    const text = String(event.data.obj);
    const value = String(event.data.value);
    const others = typeof event.data.model === 'string' ? otherSources(event.data.model, select) : [];
    // The filterHorizontal widget keeps unchosen options in a second select.
    const own = [select, document.getElementById(`${select.id}_from`)].filter((box) => box instanceof HTMLSelectElement);
    if (event.data.action === 'change') {
      const newValue = String(event.data.newValue);
      for (const box of own) {
        for (const option of optionsValued(box, value)) {
          option.text = text;
          option.value = newValue;
        }
      }
      for (const box of others) {
        const options = optionsValued(box, value);
        if (!options.length) box.add(new Option(text, newValue));
        for (const option of options) {
          option.text = text;
          option.value = newValue;
        }
      }
    } else if (event.data.action === 'delete') {
      for (const box of [...own, ...others]) {
        const options = optionsValued(box, value);
        const wasChosen = options.some((option) => option.selected);
        for (const option of options) option.remove();
        // Another select's links follow its choice too; this one's change event comes below.
        if (wasChosen && box !== select) box.dispatchEvent(new Event('change', { bubbles: true }));
      }
    } else {
      if (!select.multiple) for (const option of select.options) option.selected = false;
      select.add(new Option(text, value, true, true));
      for (const box of others) if (!optionsValued(box, value).length) box.add(new Option(text, value));
    }
    select.dispatchEvent(new Event('change', { bubbles: true }));
    if (event.source && 'close' in event.source) event.source.close();
  });

  // ---- rawIdFields -------------------------------------------------------------------------

  // In the opener: a lookup link opens the popup, named after the input it fills.
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a.related-lookup') : null;
    if (!link) return;
    event.preventDefault();
    const url = new URL(link.href, location.href);
    url.searchParams.set('_popup', '1');
    const popup = window.open(url.toString(), link.dataset.popupTarget, 'height=500,width=800,resizable=yes,scrollbars=yes');
    popup?.focus();
  });

  window.addEventListener('message', (event) => {
    if (event.origin !== location.origin || !event.data || event.data.type !== LOOKUP_MESSAGE) return;
    const input = document.getElementById(String(event.data.target));
    if (!(input instanceof HTMLInputElement)) return;
    const value = String(event.data.value);
    if (input.classList.contains('vManyToManyRawIdAdminField') && input.value) {
      const ids = input.value.split(',').filter(Boolean);
      if (!ids.includes(value)) input.value = [...ids, value].join(',');
    } else {
      input.value = value;
    }
    input.dispatchEvent(new Event('change', { bubbles: true }));
    if (event.source && 'close' in event.source) event.source.close();
  });

  // The label beside a raw id input describes the stored value: hide it once the value changes.
  document.addEventListener('change', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.classList.contains('vForeignKeyRawIdAdminField')) return;
    const label = document.querySelector(`.related-label[data-for="${CSS.escape(input.id)}"]`);
    if (label) label.hidden = true;
  });

  // In the popup: a row's link sends its value back instead of opening the object.
  if (window.opener && new URLSearchParams(location.search).has('_popup')) {
    document.addEventListener('click', (event) => {
      const link = event.target instanceof Element ? event.target.closest('a[data-popup-opener]') : null;
      if (!link) return;
      event.preventDefault();
      window.opener.postMessage({ type: LOOKUP_MESSAGE, target: window.name, value: link.dataset.popupOpener }, location.origin);
    });
  }

  // ---- autocompleteFields ------------------------------------------------------------------

  let autocompleteCount = 0;

  const enhanceAutocomplete = (select) => {
    autocompleteCount += 1;
    const multiple = select.multiple;
    const listId = `${select.id || `autocomplete${autocompleteCount}`}_listbox`;
    const box = document.createElement('div');
    box.className = 'autocomplete';
    const chosen = document.createElement('ul');
    chosen.className = 'autocomplete-chosen';
    const input = document.createElement('input');
    input.type = 'text';
    input.id = `${select.id}_autocomplete`;
    input.autocomplete = 'off';
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    const list = document.createElement('ul');
    list.id = listId;
    list.className = 'autocomplete-results';
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    const status = document.createElement('div');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    // The label now names the combobox; the select stays for the form's data.
    const label = select.id ? document.querySelector(`label[for="${CSS.escape(select.id)}"]`) : null;
    if (label) label.htmlFor = input.id;
    select.hidden = true;
    select.tabIndex = -1;
    select.after(box);
    box.append(chosen, input, list, status);

    let results = [];
    let active = -1;
    let page = 1;
    let more = false;
    let timer = 0;
    let request = 0;

    const selectedOptions = () => Array.from(select.options).filter((option) => option.selected && option.value !== '');
    // The current choices as chips; a chip's × removes it (a required single choice has none).
    const paintChosen = () => {
      chosen.replaceChildren();
      const removable = multiple || select.dataset.allowClear === 'true';
      for (const option of selectedOptions()) {
        const item = document.createElement('li');
        const text = document.createElement('span');
        text.textContent = option.text;
        item.append(text);
        if (removable) {
          const remove = document.createElement('button');
          remove.type = 'button';
          remove.textContent = '×';
          remove.setAttribute('aria-label', `Remove ${option.text}`);
          remove.addEventListener('click', () => {
            if (multiple) option.remove();
            else for (const other of select.options) other.selected = other.value === '';
            select.dispatchEvent(new Event('change', { bubbles: true }));
            paintChosen();
            input.focus();
          });
          item.append(remove);
        }
        chosen.append(item);
      }
      input.placeholder = multiple || !selectedOptions().length ? 'Search' : 'Search to change';
    };

    const close = () => {
      // A search still waiting (typing paused) or on its way must not open the list again once it is closed.
      window.clearTimeout(timer);
      request++;
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    };

    const highlight = (index) => {
      const items = Array.from(list.querySelectorAll('[role="option"]'));
      if (!items.length) return;
      active = (index + items.length) % items.length;
      for (const [position, item] of items.entries()) item.setAttribute('aria-selected', position === active ? 'true' : 'false');
      input.setAttribute('aria-activedescendant', items[active].id);
      items[active].scrollIntoView({ block: 'nearest' });
    };

    const paintResults = () => {
      list.replaceChildren();
      results.forEach((result, index) => {
        const item = document.createElement('li');
        item.id = `${listId}_${index}`;
        item.setAttribute('role', 'option');
        item.setAttribute('aria-selected', 'false');
        item.textContent = result.text;
        item.dataset.index = String(index);
        list.append(item);
      });
      if (more) {
        const item = document.createElement('li');
        item.id = `${listId}_more`;
        item.setAttribute('role', 'option');
        item.setAttribute('aria-selected', 'false');
        item.className = 'autocomplete-more';
        item.textContent = 'Load more results…';
        list.append(item);
      }
      if (!results.length) {
        const item = document.createElement('li');
        item.className = 'autocomplete-empty';
        item.textContent = 'No results found';
        list.append(item);
      }
      status.textContent = `${results.length} result${results.length === 1 ? '' : 's'} available`;
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    };

    const search = async (nextPage) => {
      const mine = ++request;
      const url = new URL(select.getAttribute('data-ajax--url'), location.href);
      url.search = new URLSearchParams({
        term: input.value,
        app_label: select.dataset.appLabel,
        model_name: select.dataset.modelName,
        field_name: select.dataset.fieldName,
        page: String(nextPage),
      }).toString();
      const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (mine !== request) return;
      if (!response.ok) {
        results = [];
        more = false;
        paintResults();
        status.textContent = 'The results could not be loaded.';
        return;
      }
      const body = await response.json();
      results = nextPage === 1 ? body.results : [...results, ...body.results];
      more = Boolean(body.pagination?.more);
      page = nextPage;
      paintResults();
      highlight(nextPage === 1 ? 0 : Math.max(0, active));
    };

    const choose = (index) => {
      const item = list.querySelectorAll('[role="option"]')[index];
      if (!item) return;
      if (item.classList.contains('autocomplete-more')) {
        void search(page + 1);
        return;
      }
      const result = results[Number(item.dataset.index)];
      let option = Array.from(select.options).find((candidate) => candidate.value === String(result.id));
      if (!multiple) for (const other of select.options) other.selected = false;
      if (!option) {
        option = new Option(result.text, String(result.id), true, true);
        select.add(option);
      }
      option.selected = true;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      input.value = '';
      paintChosen();
      close();
    };

    input.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void search(1), 250);
    });
    input.addEventListener('focus', () => {
      if (list.hidden) void search(1);
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        if (list.hidden) void search(1);
        else highlight(active + 1);
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        if (!list.hidden) highlight(active - 1);
      } else if (event.key === 'Enter') {
        // Enter picks a result; it never submits the form while the list is open.
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === 'Escape') {
        if (!list.hidden) {
          event.preventDefault();
          close();
        } else {
          input.value = '';
        }
      } else if (event.key === 'Backspace' && multiple && !input.value) {
        const last = selectedOptions().at(-1);
        if (last) {
          last.remove();
          paintChosen();
        }
      }
    });
    list.addEventListener('mousedown', (event) => {
      // Keep the focus in the input while clicking a result.
      event.preventDefault();
      const item = event.target instanceof Element ? event.target.closest('[role="option"]') : null;
      if (item) choose(Array.from(list.querySelectorAll('[role="option"]')).indexOf(item));
    });
    input.addEventListener('blur', () => window.setTimeout(close, 100));
    // An object added or renamed by a popup changes the select: show it.
    select.addEventListener('change', paintChosen);
    paintChosen();
  };

  // ---- filterHorizontal / filterVertical ---------------------------------------------------

  const enhanceSelectFilter = (select) => {
    const name = select.dataset.fieldName || select.name;
    const stacked = select.dataset.isStacked === '1';
    const wrapper = document.createElement('div');
    wrapper.className = `selector${stacked ? ' stacked' : ''}`;
    const makeBox = (title, extraClass) => {
      const box = document.createElement('div');
      box.className = `selector-${extraClass}`;
      const heading = document.createElement('h2');
      heading.textContent = title;
      box.append(heading);
      return box;
    };
    const availableBox = makeBox(`Available ${name}`, 'available');
    const chosenBox = makeBox(`Chosen ${name}`, 'chosen');
    const filterLabel = document.createElement('label');
    filterLabel.className = 'selector-filter';
    const filterText = document.createElement('span');
    filterText.className = 'visually-hidden';
    filterText.textContent = `Filter available ${name}`;
    const filter = document.createElement('input');
    filter.type = 'search';
    filter.placeholder = 'Filter';
    filter.id = `${select.id}_input`;
    filterLabel.append(filterText, filter);
    const available = document.createElement('select');
    available.multiple = true;
    available.id = `${select.id}_from`;
    available.className = 'filtered';
    available.setAttribute('aria-label', `Available ${name}`);
    // Objects added by another relation's popup are offered here, not chosen (Django's SelectFilter2).
    if (select.dataset.context === 'available-source') {
      available.dataset.context = 'available-source';
      delete select.dataset.context;
    }
    available.size = select.size || 10;
    select.size = available.size;
    select.classList.add('filtered');
    select.setAttribute('aria-label', `Chosen ${name}`);
    // Unchosen options move to the new box; the original select keeps the chosen ones and the name.
    for (const option of Array.from(select.options)) if (!option.selected) available.add(option);
    const button = (text, className, title) => {
      const element = document.createElement('button');
      element.type = 'button';
      element.className = `selector-button ${className}`;
      element.textContent = text;
      element.title = title;
      return element;
    };
    const chooseAll = button('Choose all', 'selector-chooseall', `Click to choose all ${name} at once.`);
    const removeAll = button('Remove all', 'selector-clearall', `Click to remove all chosen ${name} at once.`);
    const add = button(stacked ? 'Choose ↓' : 'Choose →', 'selector-add', `Choose selected ${name}`);
    const remove = button(stacked ? 'Remove ↑' : '← Remove', 'selector-remove', `Remove selected ${name}`);
    const chooser = document.createElement('div');
    chooser.className = 'selector-chooser';
    chooser.append(add, remove);
    select.before(wrapper);
    availableBox.append(filterLabel, available, chooseAll);
    chosenBox.append(select, removeAll);
    wrapper.append(availableBox, chooser, chosenBox);

    const sortOptions = (box) => {
      const options = Array.from(box.options).sort((a, b) => a.text.localeCompare(b.text));
      for (const option of options) box.add(option);
    };
    const applyFilter = () => {
      const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      for (const option of available.options) option.hidden = !words.every((word) => option.text.toLowerCase().includes(word));
    };
    const move = (from, to, all) => {
      for (const option of Array.from(from.options)) {
        if (option.hidden || (!all && !option.selected)) continue;
        option.selected = false;
        to.add(option);
      }
      sortOptions(to);
      applyFilter();
      select.dispatchEvent(new Event('change', { bubbles: true }));
    };
    add.addEventListener('click', () => move(available, select, false));
    remove.addEventListener('click', () => move(select, available, false));
    chooseAll.addEventListener('click', () => move(available, select, true));
    removeAll.addEventListener('click', () => move(select, available, true));
    available.addEventListener('dblclick', () => move(available, select, false));
    select.addEventListener('dblclick', () => move(select, available, false));
    available.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        move(available, select, false);
      }
    });
    select.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === 'Delete' || event.key === 'Backspace') {
        event.preventDefault();
        move(select, available, false);
      }
    });
    filter.addEventListener('input', applyFilter);
    filter.addEventListener('keydown', (event) => {
      // Enter in the filter chooses what it matched, as Django's SelectFilter does.
      if (event.key === 'Enter') {
        event.preventDefault();
        for (const option of available.options) option.selected = !option.hidden;
        move(available, select, false);
      }
    });
    // Every option of the chosen box is sent, selected or not.
    select.form?.addEventListener('submit', () => {
      for (const option of select.options) option.selected = true;
    });
  };

  // The hidden empty form of an inline is a template: its copies are enhanced once added.
  const enhanceWithin = (root) => {
    const fresh = (select) => {
      if (select.closest('.empty-form') || select.dataset.enhanced) return false;
      select.dataset.enhanced = '1';
      return true;
    };
    for (const select of root.querySelectorAll('select.admin-autocomplete')) if (fresh(select)) enhanceAutocomplete(select);
    for (const select of root.querySelectorAll('select.selectfilter, select.selectfilterstacked')) if (fresh(select)) enhanceSelectFilter(select);
  };
  // Django's event for a form an inline just added (event.target is the new form).
  document.addEventListener('formset:added', (event) => {
    if (event.target instanceof Element) enhanceWithin(event.target);
  });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => enhanceWithin(document));
  else enhanceWithin(document);
}
